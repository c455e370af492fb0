//! The targets' panic policy.
//!
//! The server runs yrs (third-party code fed hostile bytes) under `catch_unwind` and
//! turns a panic there into an error for that connection only (protocol.rs,
//! docsync.rs). So by default a panic that the server's own code catches is not a
//! finding by itself; what it leaves behind is checked by the targets' invariants. A
//! panic that escapes the server code, or a failed check, aborts: libFuzzer reports
//! it as a crash, with the panic message printed here.
//!
//! `FUZZ_STRICT_PANICS=1` makes every panic in server code a crash, even a caught
//! one (yrs 0.28.1 panics on an overflowing delete-set range in debug builds; see
//! docs/reliability.md).
#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
    static IN_CLIENT: Cell<bool> = const { Cell::new(false) };
}

pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // libFuzzer's hook prints and aborts.
        let fuzzer_hook = std::panic::take_hook();
        let strict = std::env::var_os("FUZZ_STRICT_PANICS").is_some_and(|v| v != "0");
        std::panic::set_hook(Box::new(move |info| {
            if strict && !IN_CLIENT.with(Cell::get) {
                fuzzer_hook(info);
            } else {
                let message = format!("{info}");
                LAST.with(|l| *l.borrow_mut() = Some(message));
            }
        }));
    });
}

/// Runs one input; a panic that gets out of it is a crash.
pub fn checked(f: impl FnOnce()) {
    install();
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        let message = LAST.with(|l| l.borrow_mut().take()).unwrap_or_default();
        eprintln!("\npanic escaped: {message}\n");
        std::process::abort();
    }
}

/// Runs code of a simulated client (not the server): a panic there is never a
/// finding; `None` tells the caller to leave that client out.
pub fn client<T>(f: impl FnOnce() -> T) -> Option<T> {
    IN_CLIENT.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    IN_CLIENT.with(|c| c.set(false));
    result.ok()
}

//! The web client's types are generated from the core's: this test renders
//! `web/src/generated/protocol.ts` from every type the server sends or receives and
//! fails while the committed file differs, so a renamed field breaks CI, not a
//! browser. `RANDORI_UPDATE_TYPES=1 cargo test -p randori-core --test protocol_types`
//! writes the file instead.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use randori_core::api::{CreatedRoom, ErrorBody, Joined, KataList, RunAccepted, RunList};
use randori_core::events::{ClientCommand, RoomEvent};
use randori_core::kata::view::KataView;
use randori_core::rotation::Action;
use ts_rs::{Config, TS, TypeVisitor};

/// Collects the declaration of every named type reachable from the roots, once each.
struct Collector {
    cfg: Config,
    /// Types already visited (recursive types such as JSON values meet themselves).
    visited: HashSet<TypeId>,
    /// Declarations by name: the file lists them sorted, because the order ts-rs
    /// visits dependencies in differs between builds of the crate.
    decls: BTreeMap<String, String>,
}

impl TypeVisitor for Collector {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.visited.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_none() {
            // Not a named type of its own (a primitive, Vec, Option...): its
            // dependencies are the ones to declare.
            T::visit_dependencies(self);
            return;
        }
        let name = T::ident(&self.cfg);
        if !self.decls.contains_key(&name) {
            let docs = T::docs().unwrap_or_default();
            let decl = format!("{docs}export {}\n", T::decl(&self.cfg));
            self.decls.insert(name, decl);
        }
        T::visit_dependencies(self);
    }
}

fn render() -> String {
    // Every integer the protocol carries (unix ms, counts) fits a JS number.
    let cfg = Config::new().with_large_int("number");
    let mut c = Collector {
        cfg,
        visited: HashSet::new(),
        decls: BTreeMap::new(),
    };

    c.visit::<RoomEvent>();
    c.visit::<ClientCommand>();
    c.visit::<Action>();
    c.visit::<KataView>();
    c.visit::<KataList>();
    c.visit::<CreatedRoom>();
    c.visit::<Joined>();
    c.visit::<RunAccepted>();
    c.visit::<RunList>();
    c.visit::<ErrorBody>();
    format!(
        "// Generated from the randori-core crate's types by core/tests/protocol_types.rs.\n\
         // Do not edit: change the Rust types, then run\n\
         //   RANDORI_UPDATE_TYPES=1 cargo test -p randori-core --test protocol_types\n\n{}",
        c.decls.into_values().collect::<Vec<_>>().join("\n")
    )
}

#[test]
fn generated_typescript_is_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web/src/generated/protocol.ts");
    let fresh = render();
    if std::env::var_os("RANDORI_UPDATE_TYPES").is_some_and(|v| v != "0") {
        std::fs::write(&path, &fresh).expect("write protocol.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: the Rust types changed. Run\n  RANDORI_UPDATE_TYPES=1 cargo test -p randori-core --test protocol_types\nand commit the file.",
        path.display()
    );
}

/*
 * QuickJS-NG's quickjs.c compiled as one unit with the two internals the guest
 * needs and the public API does not offer on WASI:
 *
 * - a stack limit: on __wasi__ quickjs.c disables its stack check (stack_limit = 0),
 *   so deep JS recursion would run the C shadow stack into the data below it. We set
 *   the limit ourselves (runner_host.c), which turns runaway recursion into a
 *   catchable `RangeError: Maximum call stack size exceeded`, like Node.
 * - re-seeding Math.random after a Wizer snapshot, so that instances do not all
 *   replay the sequence seeded at build time.
 *
 * The QuickJS sources come from the crates.io crate rquickjs-sys (see
 * scripts/build-js-guest.sh); they are not part of this repository.
 */
#include "quickjs.c"

void randori_qjs_set_stack_limit(JSRuntime *rt, uintptr_t limit)
{
    rt->stack_limit = limit;
}

void randori_qjs_seed_random(JSContext *ctx, uint64_t seed)
{
    ctx->random_state = seed ? seed : 1;
}

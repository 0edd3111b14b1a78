//! Two independent pieces of start-up work, on two threads where there are
//! threads.
//!
//! Building a linter for the built-in packs is a chain of one-off work
//! (reading four packs, the keyword gates; for the second draft, the term
//! automaton and two trigger sets) in which some links do not depend on each
//! other. A process that checks a few drafts waits for all of it, so where a
//! second core exists they run side by side. In WebAssembly, which has no
//! threads, they run one after the other.

use std::sync::Mutex;

/// Whether [`join`] runs its two closures at once.
pub(crate) const IN_PARALLEL: bool = cfg!(not(target_family = "wasm"));

/// Runs `a` and `b` and returns both results: `b` on a thread of its own if
/// [`IN_PARALLEL`] and a thread can be started, else after `a`. A panic in
/// either is passed on.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if !IN_PARALLEL {
        return (a(), b());
    }
    // Whoever takes `b` runs it: the new thread, or this one if no thread
    // can be started (a process limit).
    let task = Mutex::new(Some(b));
    let take = || task.lock().ok().and_then(|mut task| task.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || take().map(|b| b()));
        let a = a();
        let b = match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => take().map(|b| b()),
        };
        (a, b.expect("one of the two threads ran `b`"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_order() {
        let (a, b) = join(|| (1..=100).sum::<u32>(), || "b".repeat(3));
        assert_eq!((a, b.as_str()), (5050, "bbb"));
    }

    #[test]
    fn a_panic_on_the_other_thread_is_passed_on() {
        let result = std::panic::catch_unwind(|| join(|| 1, || -> u32 { panic!("in b") }));
        assert!(result.is_err());
    }
}

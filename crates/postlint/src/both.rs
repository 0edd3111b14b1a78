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
use std::sync::atomic::{AtomicUsize, Ordering};

/// Whether [`join`] runs its two closures at once.
pub(crate) const IN_PARALLEL: bool = cfg!(not(target_family = "wasm"));

/// Runs `a` and `b` and returns both results: `b` on a thread of its own if
/// [`IN_PARALLEL`] and that thread starts before `a` is done, else on this
/// one after `a`. A panic in either is passed on.
///
/// A new thread may be slow to start: on the 2-core virtual machine of the
/// benchmarks, one started beside 2 ms of work ran after it about half the
/// time (queued on the busy core, or its core slow to wake). So whoever is
/// free first takes `b`, and this thread never waits for one that has not
/// begun.
pub(crate) fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    if !IN_PARALLEL {
        return (a(), b());
    }
    let task = Mutex::new(Some(b));
    let take = || task.lock().ok().and_then(|mut task| task.take());
    std::thread::scope(|scope| {
        // No thread (a process limit) leaves `b` to this one.
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || take().map(|b| b()));
        let a = a();
        let b_here = take().map(|b| b());
        let b_there = match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        (a, b_here.or(b_there).expect("one of the two threads ran `b`"))
    })
}

/// Runs `task` for each of `count` tasks, on two threads if [`IN_PARALLEL`],
/// each thread taking the next task not yet taken (so give the longest
/// first), and returns the results in task order.
pub(crate) fn each<R: Send>(count: usize, task: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let run = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                return done;
            }
            done.push((i, task(i)));
        }
    };
    let (mut results, other) = if IN_PARALLEL {
        join(run, run)
    } else {
        (run(), Vec::new())
    };
    results.extend(other);
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
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
    fn each_task_runs_once_and_results_come_back_in_task_order() {
        let runs = AtomicUsize::new(0);
        let results = each(50, |i| {
            runs.fetch_add(1, Ordering::Relaxed);
            if i % 7 == 0 {
                std::thread::yield_now();
            }
            i * 3
        });
        assert_eq!(results, (0..50).map(|i| i * 3).collect::<Vec<_>>());
        assert_eq!(runs.load(Ordering::Relaxed), 50);
        assert!(each(0, |i| i).is_empty());
    }

    #[test]
    fn a_panic_on_the_other_thread_is_passed_on() {
        let result = std::panic::catch_unwind(|| join(|| 1, || -> u32 { panic!("in b") }));
        assert!(result.is_err());
    }
}

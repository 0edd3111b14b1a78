//! An ordered parallel map with bounded memory.
//!
//! One thread reads items into chunks, `threads` workers process chunks, and
//! the calling thread receives the results in input order. At most
//! `IN_FLIGHT_PER_THREAD * threads` chunks exist at once (read, being worked on
//! or waiting for an earlier chunk), so memory does not grow with the input,
//! and the output is the same whatever the number of threads. With one
//! thread, everything runs on the calling thread: `--threads 1` means one.

use std::collections::BTreeMap;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};

/// How many chunks per worker may be in flight.
const IN_FLIGHT_PER_THREAD: usize = 4;

/// Runs `work` on every item of `items` on `threads` threads, a chunk of
/// items at a time (`chunk` says how many before each), and hands the
/// results to `sink` in input order. Stops early (dropping the rest) when
/// `sink` fails.
pub fn ordered_map<I, T, R, E>(
    items: I,
    threads: usize,
    mut chunk: impl FnMut() -> usize + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
{
    let threads = threads.max(1);
    if threads == 1 {
        return items.map(work).try_for_each(sink);
    }
    let in_flight = threads * IN_FLIGHT_PER_THREAD;
    let work = &work;
    std::thread::scope(|scope| {
        let (work_tx, work_rx) = sync_channel::<(usize, Vec<T>)>(threads);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = channel::<(usize, Vec<R>)>();
        // A token per chunk that may be in flight: the reader takes one before
        // reading a chunk; the sink gives it back once the chunk is written.
        let (token_tx, token_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            let _ = token_tx.send(());
        }

        scope.spawn(move || {
            let mut items = items;
            let mut index = 0;
            while token_rx.recv().is_ok() {
                let next: Vec<T> = items.by_ref().take(chunk().max(1)).collect();
                if next.is_empty() || work_tx.send((index, next)).is_err() {
                    return;
                }
                index += 1;
            }
        });

        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let job = work_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((index, items)) = job else { return };
                    let results: Vec<R> = items.into_iter().map(work).collect();
                    if done_tx.send((index, results)).is_err() {
                        return;
                    }
                }
            });
        }
        // Only the workers hold these now: when they stop, the reader's sends fail
        // and the loop below ends.
        drop(work_rx);
        drop(done_tx);

        let mut waiting: BTreeMap<usize, Vec<R>> = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        'receive: for (index, results) in &done_rx {
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&next) {
                for result in results {
                    if let Err(e) = sink(result) {
                        outcome = Err(e);
                        break 'receive;
                    }
                }
                next += 1;
                let _ = token_tx.send(());
            }
        }
        // On an early stop, dropping these ends the reader and the workers.
        drop(token_tx);
        drop(done_rx);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_for_any_thread_count_and_chunk_sizes() {
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            // Chunks of 0 (taken as 1) to 8 items.
            let mut chunks = 0;
            let result: Result<(), ()> = ordered_map(
                0..1000u64,
                threads,
                move || {
                    chunks += 1;
                    chunks % 9
                },
                |n| {
                    // Uneven work, so chunks finish out of order.
                    if n % 13 == 0 {
                        std::thread::yield_now();
                    }
                    n * 2
                },
                |n| {
                    seen.push(n);
                    Ok(())
                },
            );
            assert_eq!(result, Ok(()));
            assert_eq!(
                seen,
                (0..1000).map(|n| n * 2).collect::<Vec<_>>(),
                "threads = {threads}"
            );
        }
    }

    #[test]
    fn a_failing_sink_stops_everything() {
        for threads in [1, 2] {
            let mut count = 0;
            let result = ordered_map(
                0..u64::MAX,
                threads,
                || 3,
                |n| n,
                |_| {
                    count += 1;
                    if count == 10 { Err("stop") } else { Ok(()) }
                },
            );
            assert_eq!(result, Err("stop"), "threads = {threads}");
            assert_eq!(count, 10, "threads = {threads}");
        }
    }
}

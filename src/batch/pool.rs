//! An ordered parallel map: N worker threads take inputs in turn, and their results reach one
//! sink in input order, each as soon as every earlier one has.
//!
//! Why not a plain `par_iter().map().collect()`: a batch of 50,000 filings must stream (the
//! first report written while the last file is still unread) and must not hold every report in
//! memory. Workers may run at most `window` inputs ahead of the sink, so one slow 1,000-page PDF
//! holds back at most `window` finished reports, never the whole corpus.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Stack size of a thread that reads files. pdf-extract recurses through content streams and
/// forms; a thread's default 2 MiB is easy to exhaust on a deep but legitimate document.
pub const WORKER_STACK: usize = 64 * 1024 * 1024;

/// Run `work` on every item with `jobs` threads and hand each result to `sink` in item order.
///
/// `sink` runs on the calling thread. If it returns an error (a closed pipe, a full disk), no
/// new item is started, and that error is returned once the running ones finish.
///
/// ```
/// let items: Vec<u64> = (0..100).collect();
/// let mut seen = Vec::new();
/// tokenlens::batch::for_each_ordered(&items, 4, |_, n| n * n, |i, sq| {
///     seen.push((i, sq));
///     Ok::<(), ()>(())
/// })
/// .unwrap();
/// assert_eq!(seen[7], (7, 49));
/// assert!(seen.windows(2).all(|w| w[0].0 + 1 == w[1].0));
/// ```
pub fn for_each_ordered<T, R, E>(
    items: &[T],
    jobs: usize,
    work: impl Fn(usize, &T) -> R + Sync,
    sink: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    for_each_ordered_by(items, jobs, |_| 0, work, sink)
}

/// [`for_each_ordered`], starting the costliest items first: within each window of items that
/// workers may run ahead, in decreasing `cost` (a file's size, say), so that one large file
/// does not start last and keep a single worker busy after the others are done. Results still
/// reach `sink` in item order.
pub fn for_each_ordered_by<T, R, E>(
    items: &[T],
    jobs: usize,
    cost: impl Fn(&T) -> u64,
    work: impl Fn(usize, &T) -> R + Sync,
    mut sink: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    // Room for the other workers to keep busy through one slow file (a 67-page tagged PDF takes
    // as long as a dozen ordinary filings), at the cost of holding that many finished reports.
    let window = jobs * 16;
    let costs: Vec<u64> = items.iter().map(cost).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    for block in order.chunks_mut(window) {
        block.sort_by_key(|&i| std::cmp::Reverse(costs[i]));
    }
    let order = &order;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results the sink has taken; workers wait on it to stay within the window.
    let written = Mutex::new(0usize);
    let moved = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, R)>();

    std::thread::scope(|scope| {
        for n in 0..jobs {
            let tx = tx.clone();
            let (next, stop, written, moved, work) = (&next, &stop, &written, &moved, &work);
            std::thread::Builder::new()
                .name(format!("tokenlens-worker-{n}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        {
                            let mut w = written.lock().unwrap_or_else(|e| e.into_inner());
                            while i >= *w + window && !stop.load(Ordering::Relaxed) {
                                w = moved.wait(w).unwrap_or_else(|e| e.into_inner());
                            }
                        }
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let result = work(i, &items[i]);
                        if tx.send((i, result)).is_err() {
                            break;
                        }
                    }
                })
                .expect("cannot start a worker thread");
        }
        drop(tx);

        let mut pending = BTreeMap::new();
        let mut expected = 0usize;
        let mut outcome = Ok(());
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&expected) {
                if outcome.is_ok() {
                    outcome = sink(expected, result);
                    if outcome.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                expected += 1;
                *written.lock().unwrap_or_else(|e| e.into_inner()) = expected;
                moved.notify_all();
            }
        }
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_arrive_in_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..60).collect();
        let mut got = Vec::new();
        for_each_ordered(
            &items,
            3,
            |_, &n| {
                // Early items are the slow ones, so later ones finish first.
                std::thread::sleep(Duration::from_millis(if n % 7 == 0 { 15 } else { 1 }));
                n * 10
            },
            |i, r| {
                got.push((i, r));
                Ok::<_, ()>(())
            },
        )
        .unwrap();
        let want: Vec<(usize, u64)> = (0..60).map(|n| (n as usize, n * 10)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_costliest_items_start_first_and_results_stay_in_order() {
        let items: Vec<u64> = vec![1, 5, 2, 9, 3];
        let started = Mutex::new(Vec::new());
        let mut got = Vec::new();
        for_each_ordered_by(
            &items,
            1,
            |&n| n,
            |_, &n| {
                started.lock().unwrap().push(n);
                n
            },
            |i, n| {
                got.push((i, n));
                Ok::<_, ()>(())
            },
        )
        .unwrap();
        assert_eq!(started.into_inner().unwrap(), vec![9, 5, 3, 2, 1]);
        assert_eq!(got, vec![(0, 1), (1, 5), (2, 2), (3, 9), (4, 3)]);
    }

    #[test]
    fn workers_stay_within_the_window_of_a_slow_item() {
        let items: Vec<usize> = (0..100).collect();
        let started = AtomicUsize::new(0);
        let mut most_ahead = 0;
        for_each_ordered(
            &items,
            2,
            |_, &n| {
                started.fetch_add(1, Ordering::SeqCst);
                if n == 0 {
                    std::thread::sleep(Duration::from_millis(100));
                }
            },
            |i, ()| {
                most_ahead = most_ahead.max(started.load(Ordering::SeqCst) - i);
                Ok::<_, ()>(())
            },
        )
        .unwrap();
        // While item 0 sleeps the other worker may finish at most `window` items.
        assert!(most_ahead <= 2 * 16 + 1, "{most_ahead}");
    }

    #[test]
    fn a_sink_error_stops_the_batch() {
        let items: Vec<usize> = (0..1000).collect();
        let ran = AtomicUsize::new(0);
        let result = for_each_ordered(
            &items,
            2,
            |_, _| {
                ran.fetch_add(1, Ordering::SeqCst);
            },
            |i, ()| if i == 5 { Err(i) } else { Ok(()) },
        );
        assert_eq!(result, Err(5));
        assert!(ran.load(Ordering::SeqCst) < 100);
    }

    #[test]
    fn no_items_no_calls() {
        let items: Vec<u8> = Vec::new();
        for_each_ordered(&items, 4, |_, _| unreachable!(), |_, ()| Ok::<_, ()>(())).unwrap();
    }
}

//! A large zip entry inflated on its own thread while the bytes already inflated are parsed on
//! the others: one deflate stream cannot be split, so instead of waiting for all of it the
//! parse follows a few megabytes behind.

use std::io::Read;
use std::sync::{Condvar, Mutex};

/// Bytes are handed to the parse in steps of at least this many.
const STEP: usize = 1 << 20;

/// The bytes of one entry as they are inflated, for the thread that parses them.
pub struct Feed {
    // The buffer's start and size. The inflating thread writes only past `filled`, the parse
    // reads only before it, and `filled` moves under the mutex: the two never meet.
    ptr: *const u8,
    cap: usize,
    state: Mutex<State>,
    moved: Condvar,
}

// SAFETY: the bytes behind `ptr` before `filled` are never written again and are only read;
// those after it are written by one thread only, and handed over under the mutex.
unsafe impl Sync for Feed {}

#[derive(Clone, Copy)]
struct State {
    filled: usize,
    done: bool,
}

impl Feed {
    /// Waits until at least `len` bytes are inflated or the entry is all inflated; returns
    /// every byte inflated so far and whether that is all of them.
    pub fn wait(&self, len: usize) -> (&[u8], bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.filled < len && !state.done {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        let State { filled, done } = *state;
        // SAFETY: `filled` bytes from `ptr` are initialised (the buffer was zeroed) and no
        // longer written (see the type's comment); they live as long as `self`.
        (unsafe { std::slice::from_raw_parts(self.ptr, filled) }, done)
    }

    fn publish(&self, filled: usize, done: bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        *state = State { filled, done };
        self.moved.notify_all();
    }
}

/// How inflating an entry ended.
pub enum Inflated {
    /// All of it, in `capacity` bytes or fewer.
    Whole(Vec<u8>),
    /// It held more than `capacity` bytes (its declared size lied), or could not be read.
    Failed,
}

/// Inflates `reader` (at most `capacity` bytes) on a thread of its own while `consume` runs on
/// this one with the bytes inflated so far; returns both results once both are done.
pub fn inflate_while<R: Read + Send, T>(
    reader: R,
    capacity: usize,
    consume: impl FnOnce(&Feed) -> T,
) -> (Inflated, T) {
    // Zeroed memory comes from the system untouched: a page costs only when it is written.
    let mut buffer = vec![0u8; capacity + 1];
    let feed = Feed {
        ptr: buffer.as_mut_ptr(),
        cap: buffer.len(),
        state: Mutex::new(State { filled: 0, done: false }),
        moved: Condvar::new(),
    };
    let (filled, consumed) = std::thread::scope(|scope| {
        let feed = &feed;
        let writer = scope.spawn(move || {
            let mut reader = reader;
            let (mut filled, mut shown) = (0, 0);
            // Should the reader panic, the parse must still learn that nothing more comes.
            let inflate = std::panic::AssertUnwindSafe(|| {
                loop {
                    if filled == feed.cap {
                        break None; // one byte more than it may hold
                    }
                    // SAFETY: past `filled` no other thread reads (see `Feed`), and this thread
                    // is the only writer; the buffer outlives the scope.
                    let rest = unsafe {
                        std::slice::from_raw_parts_mut(
                            feed.ptr.cast_mut().add(filled),
                            feed.cap - filled,
                        )
                    };
                    match reader.read(rest) {
                        Ok(0) => break Some(filled),
                        Ok(n) => filled += n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break None,
                    }
                    if filled - shown >= STEP {
                        feed.publish(filled, false);
                        shown = filled;
                    }
                }
            });
            let result = std::panic::catch_unwind(inflate).unwrap_or(None);
            feed.publish(filled, true);
            result
        });
        let consumed = consume(feed);
        (writer.join().unwrap_or(None), consumed)
    });
    let inflated = match filled {
        Some(len) => {
            buffer.truncate(len);
            Inflated::Whole(buffer)
        }
        None => Inflated::Failed,
    };
    (inflated, consumed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out its bytes a few at a time, as an inflating reader does.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.0.len()).min(7919);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn the_parse_sees_growing_prefixes_and_the_whole_comes_back() {
        let text: Vec<u8> = (0..3 * STEP + 5).map(|i| (i % 251) as u8).collect();
        let (inflated, seen) = inflate_while(Trickle(&text), text.len(), |feed| {
            let mut lengths = vec![];
            loop {
                let (bytes, done) = feed.wait(lengths.last().map_or(1, |l| l + 1));
                assert_eq!(bytes, &text[..bytes.len()]);
                lengths.push(bytes.len());
                if done {
                    return lengths;
                }
            }
        });
        assert!(matches!(inflated, Inflated::Whole(ref b) if *b == text));
        assert_eq!(seen.last(), Some(&text.len()));
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn more_than_declared_fails_and_so_does_a_read_error() {
        let text = vec![b'x'; 100];
        let (inflated, ()) = inflate_while(Trickle(&text), 99, |feed| assert!(feed.wait(200).1));
        assert!(matches!(inflated, Inflated::Failed));
        let (inflated, ()) = inflate_while(Trickle(&text), 100, |_| ());
        assert!(matches!(inflated, Inflated::Whole(ref b) if b.len() == 100));
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("corrupt"))
            }
        }
        let (inflated, done) = inflate_while(Broken, 10, |feed| feed.wait(5).1);
        assert!(matches!(inflated, Inflated::Failed) && done);
    }

    #[test]
    fn a_reader_that_panics_ends_the_feed_instead_of_leaving_the_parse_waiting() {
        struct Panics(usize);
        impl Read for Panics {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += 1;
                assert!(self.0 < 3, "a bug in the inflater");
                buf[0] = b'x';
                Ok(1)
            }
        }
        let (inflated, seen) = inflate_while(Panics(0), 100, |feed| {
            let (bytes, done) = feed.wait(50);
            (bytes.to_vec(), done)
        });
        assert!(matches!(inflated, Inflated::Failed));
        assert_eq!(seen, (b"xx".to_vec(), true));
    }
}

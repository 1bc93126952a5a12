//! The binary's allocator: mimalloc, and how it keeps freed memory.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc, asked through its plain entry points whenever they give the alignment a layout
/// needs. Extraction makes many small, short-lived allocations (tokens, mentions); mimalloc
/// serves them markedly faster than the system allocator. It also replaces C's malloc (the
/// `override` feature): the store's C++ side hands error strings to Rust to free, so both
/// sides must share one allocator. The `mimalloc` crate's own `MiMalloc` calls the aligned
/// entry points for every request, which cost twice the instructions of `mi_malloc` (54
/// against ~25 per allocation in profiles) for the alignment of 8 or less nearly every Rust
/// type asks.
pub struct MiMalloc;

/// The alignment every mimalloc block has whatever its size (`MI_INTPTR_SIZE`: its smallest
/// size class is one machine word, and every class is a whole number of words).
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each method forwards to the mimalloc function of the same contract (a block of at
// least `size` bytes, aligned as asked, or null), choosing the unaligned one only when the
// layout's alignment is at most a word, which every mimalloc block meets; `dealloc` and
// `realloc` receive pointers this allocator returned, which `mi_free` and `mi_realloc*` accept
// whichever entry point allocated them.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()).cast()
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()).cast()
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast::<c_void>());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3), which libmimalloc-sys does not name.
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// Keeps memory that is freed for reuse instead of handing it back to the OS 10 ms later
/// (mimalloc's default). A build's bulk loads free and reallocate hundreds of megabytes per
/// load; every page given back is faulted in and zeroed again on the next load, which cost up
/// to a third of a build's CPU time in profiles (BENCHMARKS.md). Extraction frees and
/// reallocates each batch's articles the same way (300 `madvise` calls on the BBC corpus).
/// Peak memory is unchanged: it is the largest load's (or batch's) working set either way.
pub fn keep_freed_memory() {
    // SAFETY: sets a plain integer option of the allocator this binary links; mimalloc reads
    // it on each purge decision, so changing it after start-up is supported.
    unsafe { mi::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_the_alignment_their_layouts_ask() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 24, 40, 100, 4000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero-sized layout; each block is written within its size,
                // grown, checked and freed once.
                unsafe {
                    let p = MiMalloc.alloc(layout);
                    assert!(
                        !p.is_null() && (p as usize).is_multiple_of(align),
                        "{size}/{align}"
                    );
                    p.write_bytes(7, size);
                    let q = MiMalloc.realloc(p, layout, size * 2);
                    assert!(
                        !q.is_null() && (q as usize).is_multiple_of(align),
                        "{size}/{align}"
                    );
                    assert_eq!(*q.add(size - 1), 7, "contents kept");
                    MiMalloc.dealloc(q, Layout::from_size_align(size * 2, align).unwrap());
                    let z = MiMalloc.alloc_zeroed(layout);
                    assert!((z as usize).is_multiple_of(align) && *z.add(size - 1) == 0);
                    MiMalloc.dealloc(z, layout);
                }
            }
        }
    }
}

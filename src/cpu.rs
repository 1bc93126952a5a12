//! The check that this CPU runs the instructions the binary was compiled for.
//!
//! `pgo/rustc-wrapper` compiles the optimised crates for x86-64-v3 (AVX2, BMI1/2, FMA, MOVBE,
//! LZCNT) when the build machine has it, or for `NEWSGRAPH_TARGET_CPU`; this crate, the
//! binary's own, stays at the baseline so that the check runs anywhere. A copy of the binary
//! on an older CPU would otherwise stop at the first such instruction with SIGILL and no word
//! of why; `main` asks first and says what to do. What the library was compiled for is its
//! constant [`newsgraph::COMPILED_FOR`]; what the CPU has is asked of the CPU (CPUID).

/// The first instruction set extension the library was compiled for that this CPU lacks.
pub fn missing_feature() -> Option<&'static str> {
    first_missing(&newsgraph::COMPILED_FOR)
}

/// The first of `compiled` (name, used) that is used and that this CPU lacks; a name this
/// check does not know counts as lacking.
fn first_missing<'a>(compiled: &[(&'a str, bool)]) -> Option<&'a str> {
    let cpu = Cpu::read();
    compiled
        .iter()
        .find(|(name, used)| *used && cpu.has(name) != Some(true))
        .map(|(name, _)| *name)
}

/// The CPUID words and the register states the operating system saves, read once.
struct Cpu {
    /// Leaf 1, ECX.
    leaf1: u32,
    /// Leaf 7 (sub-leaf 0), EBX; 0 when the CPU has no leaf 7.
    leaf7: u32,
    /// Leaf 0x8000_0001, ECX; 0 when the CPU has no such leaf.
    extended: u32,
    /// XCR0: which register states the operating system saves; 0 when it does not say.
    xcr0: u64,
}

impl Cpu {
    #[cfg(target_arch = "x86_64")]
    fn read() -> Cpu {
        use std::arch::x86_64::{__cpuid, __cpuid_count};
        let leaf1 = __cpuid(1).ecx;
        #[target_feature(enable = "xsave")]
        fn xgetbv() -> u64 {
            // SAFETY: called only when CPUID says the OS has enabled XGETBV (OSXSAVE).
            unsafe { std::arch::x86_64::_xgetbv(0) }
        }
        Cpu {
            leaf1,
            leaf7: if __cpuid(0).eax >= 7 {
                __cpuid_count(7, 0).ebx
            } else {
                0
            },
            extended: if __cpuid(0x8000_0000).eax >= 0x8000_0001 {
                __cpuid(0x8000_0001).ecx
            } else {
                0
            },
            xcr0: if leaf1 & (1 << 27) != 0 {
                // SAFETY: OSXSAVE is set, so the CPU has XSAVE and the `xsave` feature's
                // instruction runs.
                unsafe { xgetbv() }
            } else {
                0
            },
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn read() -> Cpu {
        Cpu {
            leaf1: 0,
            leaf7: 0,
            extended: 0,
            xcr0: 0,
        }
    }

    /// Whether this CPU has `feature`; `None` for a name this check does not know (every
    /// name, off x86-64).
    fn has(&self, feature: &str) -> Option<bool> {
        if !cfg!(target_arch = "x86_64") {
            return None;
        }
        let bit = |word: u32, n: u32| word & (1 << n) != 0;
        // The vector extensions need the operating system to save their registers too.
        let os_saves = |mask: u64| self.xcr0 & mask == mask;
        Some(match feature {
            "sse3" => bit(self.leaf1, 0),
            "ssse3" => bit(self.leaf1, 9),
            "sse4.2" => bit(self.leaf1, 20),
            "popcnt" => bit(self.leaf1, 23),
            "movbe" => bit(self.leaf1, 22),
            "fma" => bit(self.leaf1, 12),
            "f16c" => bit(self.leaf1, 29),
            "avx" => bit(self.leaf1, 28) && os_saves(0b110),
            "avx2" => bit(self.leaf7, 5) && os_saves(0b110),
            "bmi1" => bit(self.leaf7, 3),
            "bmi2" => bit(self.leaf7, 8),
            "lzcnt" => bit(self.extended, 5),
            "avx512f" => bit(self.leaf7, 16) && os_saves(0b1110_0110),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine_that_built_the_library_runs_it() {
        assert_eq!(missing_feature(), None);
    }

    #[test]
    fn a_used_feature_the_cpu_lacks_is_named_and_an_unused_one_is_not() {
        assert_eq!(first_missing(&[("no-such-extension", false)]), None);
        assert_eq!(
            first_missing(&[("no-such-extension", true)]),
            Some("no-such-extension")
        );
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn every_extension_the_library_may_use_is_asked_of_the_cpu() {
        let cpu = Cpu::read();
        for (name, _) in newsgraph::COMPILED_FOR {
            assert!(cpu.has(name).is_some(), "{name}");
        }
        // Every x86-64 CPU of the last twenty years.
        assert_eq!(cpu.has("sse3"), Some(true));
    }
}

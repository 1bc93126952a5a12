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
    compiled
        .iter()
        .find(|(name, used)| *used && cpu_has(name) != Some(true))
        .map(|(name, _)| *name)
}

/// Whether this CPU has `feature`; `None` for a name this check does not know.
#[cfg(target_arch = "x86_64")]
fn cpu_has(feature: &str) -> Option<bool> {
    use std::arch::x86_64::{__cpuid, __cpuid_count};
    let bit = |word: u32, n: u32| word & (1 << n) != 0;
    let leaf1 = __cpuid(1).ecx;
    let leaf7 = if __cpuid(0).eax >= 7 {
        __cpuid_count(7, 0).ebx
    } else {
        0
    };
    let extended = if __cpuid(0x8000_0000).eax >= 0x8000_0001 {
        __cpuid(0x8000_0001).ecx
    } else {
        0
    };
    // The vector extensions need the operating system to save their registers too (XCR0).
    let os_saves = |mask: u64| xcr0() & mask == mask;
    Some(match feature {
        "sse3" => bit(leaf1, 0),
        "ssse3" => bit(leaf1, 9),
        "sse4.2" => bit(leaf1, 20),
        "popcnt" => bit(leaf1, 23),
        "movbe" => bit(leaf1, 22),
        "fma" => bit(leaf1, 12),
        "f16c" => bit(leaf1, 29),
        "avx" => bit(leaf1, 28) && os_saves(0b110),
        "avx2" => bit(leaf7, 5) && os_saves(0b110),
        "bmi1" => bit(leaf7, 3),
        "bmi2" => bit(leaf7, 8),
        "lzcnt" => bit(extended, 5),
        "avx512f" => bit(leaf7, 16) && os_saves(0b1110_0110),
        _ => return None,
    })
}

#[cfg(not(target_arch = "x86_64"))]
fn cpu_has(_feature: &str) -> Option<bool> {
    None
}

/// Which register states the operating system saves (XCR0); 0 when it does not say.
#[cfg(target_arch = "x86_64")]
fn xcr0() -> u64 {
    #[target_feature(enable = "xsave")]
    fn read() -> u64 {
        // SAFETY: XGETBV is executed only when CPUID says the OS has enabled it (OSXSAVE).
        unsafe { std::arch::x86_64::_xgetbv(0) }
    }
    if std::arch::x86_64::__cpuid(1).ecx & (1 << 27) == 0 {
        return 0;
    }
    // SAFETY: OSXSAVE is set, so the CPU has XSAVE and the `xsave` feature's instruction runs.
    unsafe { read() }
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
        for (name, _) in newsgraph::COMPILED_FOR {
            assert!(cpu_has(name).is_some(), "{name}");
        }
        // Every x86-64 CPU of the last twenty years.
        assert_eq!(cpu_has("sse3"), Some(true));
    }
}

//! The check that this CPU runs the instructions the binary was compiled for.
//!
//! `pgo/rustc-wrapper` compiles the optimised crates for x86-64-v3 (AVX2, BMI1/2, FMA, MOVBE,
//! LZCNT) when the build machine has it, or for `NEWSGRAPH_TARGET_CPU`. A copy of that binary
//! on an older CPU would stop at the first such instruction with SIGILL and no word of why;
//! `main` asks first and says what to do. The CPU itself is asked (CPUID): the standard
//! library's `is_x86_feature_detected!` answers "yes" for any feature the code was compiled
//! with, without asking.

/// The first instruction set extension the binary was compiled for that this CPU lacks.
#[cfg(target_arch = "x86_64")]
pub fn missing_feature() -> Option<&'static str> {
    use std::arch::x86_64::{__cpuid, __cpuid_count};
    let bit = |word: u32, n: u32| word & (1 << n) != 0;
    let leaf1 = __cpuid(1);
    let max_leaf = __cpuid(0).eax;
    let leaf7 = if max_leaf >= 7 {
        __cpuid_count(7, 0).ebx
    } else {
        0
    };
    let ext = if __cpuid(0x8000_0000).eax >= 0x8000_0001 {
        __cpuid(0x8000_0001).ecx
    } else {
        0
    };
    // AVX needs the operating system to save the vector registers (OSXSAVE, then XCR0).
    let os_saves_ymm = bit(leaf1.ecx, 27) && xcr0() & 0b110 == 0b110;
    let os_saves_zmm = bit(leaf1.ecx, 27) && xcr0() & 0b1110_0110 == 0b1110_0110;
    let checks: [(&'static str, bool, bool); 13] = [
        ("sse3", cfg!(target_feature = "sse3"), bit(leaf1.ecx, 0)),
        ("ssse3", cfg!(target_feature = "ssse3"), bit(leaf1.ecx, 9)),
        (
            "sse4.2",
            cfg!(target_feature = "sse4.2"),
            bit(leaf1.ecx, 20),
        ),
        (
            "popcnt",
            cfg!(target_feature = "popcnt"),
            bit(leaf1.ecx, 23),
        ),
        ("movbe", cfg!(target_feature = "movbe"), bit(leaf1.ecx, 22)),
        ("fma", cfg!(target_feature = "fma"), bit(leaf1.ecx, 12)),
        ("f16c", cfg!(target_feature = "f16c"), bit(leaf1.ecx, 29)),
        (
            "avx",
            cfg!(target_feature = "avx"),
            bit(leaf1.ecx, 28) && os_saves_ymm,
        ),
        (
            "avx2",
            cfg!(target_feature = "avx2"),
            bit(leaf7, 5) && os_saves_ymm,
        ),
        ("bmi1", cfg!(target_feature = "bmi1"), bit(leaf7, 3)),
        ("bmi2", cfg!(target_feature = "bmi2"), bit(leaf7, 8)),
        ("lzcnt", cfg!(target_feature = "lzcnt"), bit(ext, 5)),
        (
            "avx512f",
            cfg!(target_feature = "avx512f"),
            bit(leaf7, 16) && os_saves_zmm,
        ),
    ];
    checks
        .iter()
        .find(|(_, compiled, present)| *compiled && !present)
        .map(|(name, _, _)| *name)
}

#[cfg(not(target_arch = "x86_64"))]
pub fn missing_feature() -> Option<&'static str> {
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
    #[test]
    fn the_machine_that_built_the_tests_runs_them() {
        assert_eq!(super::missing_feature(), None);
    }
}

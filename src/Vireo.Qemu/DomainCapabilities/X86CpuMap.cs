using System.Collections.Immutable;
using System.Globalization;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// libvirt 9.0's x86 CPU map as data: the CPUID/MSR feature names in map order, the
/// vendor strings, and the CPU models (index order) with their vendor, family/model
/// signatures and features. Only what host-model decoding and model vendors need.
/// </summary>
internal static class X86CpuMap
{
    // Source: libvirt src/cpu_map/x86_features.xml — every feature name in file order
    // (grouped by CPUID leaf/register, then the IA32_ARCH_CAPABILITIES and
    // IA32_CORE_CAPABILITIES MSR bits). Each name is one distinct bit, so a set of names
    // stands for CPUID data; the order is the order libvirt lists decoded features in.
    public static readonly ImmutableArray<string> Features = Words("""
        fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 pn clflush ds acpi mmx fxsr
        sse sse2 ss ht tm ia64 pbe
        pni pclmuldq dtes64 monitor ds_cpl vmx smx est tm2 ssse3 cid fma cx16 xtpr pdcm pcid dca sse4.1
        sse4.2 x2apic movbe popcnt tsc-deadline aes xsave osxsave avx f16c rdrand hypervisor
        arat
        fsgsbase tsc_adjust sgx bmi1 hle avx2 smep bmi2 erms invpcid rtm cmt mpx avx512f avx512dq rdseed adx
        smap avx512ifma pcommit clflushopt clwb intel-pt avx512pf avx512er avx512cd sha-ni avx512bw avx512vl
        avx512vbmi umip pku ospke waitpkg avx512vbmi2 gfni vaes vpclmulqdq avx512vnni avx512bitalg
        avx512-vpopcntdq la57 rdpid bus-lock-detect cldemote movdiri movdir64b sgxlc pks
        avx512-4vnniw avx512-4fmaps fsrm avx512-vp2intersect md-clear serialize tsx-ldtrk pconfig arch-lbr
        amx-bf16 avx512-fp16 amx-tile amx-int8 spec-ctrl stibp arch-capabilities core-capability ssbd
        avx-vnni avx512-bf16 fzrm fsrs fsrc amx-fp16
        xsaveopt xsavec xgetbv1 xsaves xfd
        mbm_total mbm_local
        sgx1 sgx2 sgx-edeccssa sgx-exinfo
        sgx-debug sgx-mode64 sgx-provisionkey sgx-tokenkey sgx-kss sgx-aex-notify
        intel-pt-lip
        syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm 3dnowext 3dnow
        lahf_lm cmp_legacy svm extapic cr8legacy abm sse4a misalignsse 3dnowprefetch osvw ibs xop skinit wdt
        lwp fma4 tce cvt16 nodeid_msr tbm topoext perfctr_core perfctr_nb
        invtsc
        clzero xsaveerptr wbnoinvd ibpb ibrs amd-stibp amd-ssbd virt-ssbd amd-no-ssb amd-psfd
        npt lbrv svm-lock nrip-save tsc-scale vmcb-clean flushbyasid decodeassists pause-filter pfthreshold
        avic v-vmsave-vmload vgif svme-addr-chk
        auto-ibrs
        rdctl-no ibrs-all rsba skip-l1dfl-vmentry ssb-no mds-no pschange-mc-no tsx-ctrl taa-no
        split-lock-detect
        """);

    // Source: libvirt src/cpu_map/x86_vendors.xml — CPUID leaf 0 vendor string → vendor name.
    public static readonly ImmutableDictionary<string, string> VendorByCpuidString =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GenuineIntel"] = "Intel",
            ["AuthenticAMD"] = "AMD",
            ["HygonGenuine"] = "Hygon",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    // Source: libvirt 9.0 src/cpu_map/index.xml (model order) and src/cpu_map/x86_<model>.xml
    // (vendor, <signature family= model=>, <feature name=>), as they stood in 9.0: later
    // releases added 'monitor' to Opteron_G3, EPYC, EPYC-IBPB and Dhyana, stepping ranges
    // to some signatures, vmx-* features marked added='yes' and features marked
    // removed='yes' — none of which 9.0 had, so none is here (the domaincaps corpus shows
    // it: its host-model CPUs only come out right without them). cpu64-rhel5/6 are left
    // out: they are disabled for decoding and QEMU never offers them.
    public static readonly ImmutableArray<X86CpuModel> Models =
    [
        Model("486", null, "", """
            fpu pse vme
            """),
        Model("pentium", null, "", """
            cx8 de fpu mce mmx msr pse tsc vme
            """),
        Model("pentium2", null, "", """
            cmov cx8 de fpu fxsr mca mce mmx msr mtrr pae pat pge pse pse36 sep tsc vme
            """),
        Model("pentium3", null, "", """
            cmov cx8 de fpu fxsr mca mce mmx msr mtrr pae pat pge pse pse36 sep sse tsc vme
            """),
        Model("pentiumpro", null, "", """
            apic cmov cx8 de fpu fxsr mce mmx msr pae pat pge pse sep sse sse2 tsc
            """),
        Model("coreduo", "Intel", "", """
            apic clflush cmov cx8 de fpu fxsr mca mce mmx monitor msr mtrr nx pae pat pge pni pse sep sse
            sse2 tsc vme
            """),
        Model("n270", "Intel", "", """
            apic clflush cmov cx8 de fpu fxsr mca mce mmx monitor msr mtrr nx pae pat pge pni pse sep sse
            sse2 ssse3 tsc vme
            """),
        Model("core2duo", "Intel", "", """
            apic clflush cmov cx8 de fpu fxsr lm mca mce mmx monitor msr mtrr nx pae pat pge pni pse pse36
            sep sse sse2 ssse3 syscall tsc vme
            """),
        Model("qemu32", null, "", """
            apic cmov cx8 de fpu fxsr mce mmx msr pae pat pge pni pse sep sse sse2 tsc
            """),
        Model("kvm32", null, "", """
            apic clflush cmov cx8 de fpu fxsr mca mce mmx msr mtrr pae pat pge pni pse pse36 sep sse sse2
            tsc
            """),
        Model("qemu64", null, "", """
            apic clflush cmov cx16 cx8 de fpu fxsr lm mca mce mmx msr mtrr nx pae pat pge pni pse pse36 sep
            sse sse2 svm syscall tsc
            """),
        Model("kvm64", null, "", """
            apic clflush cmov cx16 cx8 de fpu fxsr lm mca mce mmx msr mtrr nx pae pat pge pni pse pse36 sep
            sse sse2 syscall tsc
            """),
        Model("Conroe", "Intel", "6:15", """
            apic clflush cmov cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni pse pse36
            sep sse sse2 ssse3 syscall tsc
            """),
        Model("Penryn", "Intel", "6:23,6:29", """
            apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni pse
            pse36 sep sse sse2 sse4.1 ssse3 syscall tsc
            """),
        Model("Nehalem", "Intel", "6:26", """
            apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni popcnt
            pse pse36 sep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc
            """),
        Model("Nehalem-IBRS", "Intel", "6:26", """
            apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni popcnt
            pse pse36 sep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc
            """),
        Model("Westmere", "Intel", "6:44", """
            aes apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni
            popcnt pse pse36 sep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc
            """),
        Model("Westmere-IBRS", "Intel", "6:44", """
            aes apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni
            popcnt pse pse36 sep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc
            """),
        Model("SandyBridge", "Intel", "6:42,6:45", """
            aes apic avx clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat
            pclmuldq pge pni popcnt pse pse36 rdtscp sep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-
            deadline x2apic xsave
            """),
        Model("SandyBridge-IBRS", "Intel", "6:42,6:45", """
            aes apic avx clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat
            pclmuldq pge pni popcnt pse pse36 rdtscp sep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc
            tsc-deadline x2apic xsave
            """),
        Model("IvyBridge", "Intel", "6:58,6:62", """
            aes apic avx clflush cmov cx16 cx8 de erms f16c fpu fsgsbase fxsr lahf_lm lm mca mce mmx msr
            mtrr nx pae pat pclmuldq pge pni popcnt pse pse36 rdrand rdtscp sep smep sse sse2 sse4.1 sse4.2
            ssse3 syscall tsc tsc-deadline vme x2apic xsave
            """),
        Model("IvyBridge-IBRS", "Intel", "6:58,6:62", """
            aes apic avx clflush cmov cx16 cx8 de erms f16c fpu fsgsbase fxsr lahf_lm lm mca mce mmx msr
            mtrr nx pae pat pclmuldq pge pni popcnt pse pse36 rdrand rdtscp sep smep spec-ctrl sse sse2
            sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline vme x2apic xsave
            """),
        Model("Haswell-noTSX", "Intel", "6:60", """
            aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase fxsr invpcid lahf_lm
            lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt pse pse36 rdtscp sep smep
            sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline x2apic xsave
            """),
        Model("Haswell-noTSX-IBRS", "Intel", "6:60", """
            aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase fxsr invpcid lahf_lm
            lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt pse pse36 rdtscp sep smep
            spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline x2apic xsave
            """),
        Model("Haswell", "Intel", "6:60", """
            aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase fxsr hle invpcid
            lahf_lm lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt pse pse36 rdtscp
            rtm sep smep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline x2apic xsave
            """),
        Model("Haswell-IBRS", "Intel", "6:60", """
            aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase fxsr hle invpcid
            lahf_lm lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt pse pse36 rdtscp
            rtm sep smep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline x2apic xsave
            """),
        Model("Broadwell-noTSX", "Intel", "6:61,6:71,6:79,6:86", """
            3dnowprefetch adx aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase
            fxsr invpcid lahf_lm lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt pse
            pse36 rdseed rdtscp sep smap smep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline x2apic
            xsave
            """),
        Model("Broadwell-noTSX-IBRS", "Intel", "6:61", """
            3dnowprefetch adx aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase
            fxsr invpcid lahf_lm lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt pse
            pse36 rdseed rdtscp sep smap smep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-
            deadline x2apic xsave
            """),
        Model("Broadwell", "Intel", "6:61,6:71,6:79,6:86", """
            3dnowprefetch adx aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase
            fxsr hle invpcid lahf_lm lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt
            pse pse36 rdseed rdtscp rtm sep smap smep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline
            x2apic xsave
            """),
        Model("Broadwell-IBRS", "Intel", "6:61", """
            3dnowprefetch adx aes apic avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms fma fpu fsgsbase
            fxsr hle invpcid lahf_lm lm mca mce mmx movbe msr mtrr nx pae pat pcid pclmuldq pge pni popcnt
            pse pse36 rdseed rdtscp rtm sep smap smep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc
            tsc-deadline x2apic xsave
            """),
        Model("Skylake-Client", "Intel", "6:94,6:78,6:142,6:158", """
            3dnowprefetch abm adx aes apic arat avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma
            fpu fsgsbase fxsr hle invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq
            pge pni popcnt pse pse36 rdrand rdseed rdtscp rtm sep smap smep sse sse2 sse4.1 sse4.2 ssse3
            syscall tsc tsc-deadline vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Skylake-Client-IBRS", "Intel", "6:94", """
            3dnowprefetch abm adx aes apic arat avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma
            fpu fsgsbase fxsr hle invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq
            pge pni popcnt pse pse36 rdrand rdseed rdtscp rtm sep smap smep spec-ctrl sse sse2 sse4.1 sse4.2
            ssse3 syscall tsc tsc-deadline vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Skylake-Client-noTSX-IBRS", "Intel", "6:94,6:78,6:142,6:158", """
            3dnowprefetch abm adx aes apic arat avx avx2 bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma
            fpu fsgsbase fxsr invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pge
            pni popcnt pse pse36 rdrand rdseed rdtscp sep smap smep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3
            syscall tsc tsc-deadline vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Skylake-Server", "Intel", "6:85", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512bw avx512cd avx512dq avx512f avx512vl bmi1
            bmi2 clflush clwb cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr hle invpcid lahf_lm lm mca
            mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pni popcnt pse pse36 rdrand
            rdseed rdtscp rtm sep smap smep sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline vme x2apic
            xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Skylake-Server-IBRS", "Intel", "6:85", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512bw avx512cd avx512dq avx512f avx512vl bmi1
            bmi2 clflush clwb cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr hle invpcid lahf_lm lm mca
            mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pni popcnt pse pse36 rdrand
            rdseed rdtscp rtm sep smap smep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline
            vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Skylake-Server-noTSX-IBRS", "Intel", "6:85", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512bw avx512cd avx512dq avx512f avx512vl bmi1
            bmi2 clflush clwb cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr invpcid lahf_lm lm mca mce
            mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pni popcnt pse pse36 rdrand rdseed
            rdtscp sep smap smep spec-ctrl sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline vme x2apic
            xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Cascadelake-Server", "Intel", "6:85", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512bw avx512cd avx512dq avx512f avx512vl
            avx512vnni bmi1 bmi2 clflush clflushopt clwb cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr
            hle invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pni
            popcnt pse pse36 rdrand rdseed rdtscp rtm sep smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2
            ssse3 syscall tsc tsc-deadline vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Cascadelake-Server-noTSX", "Intel", "6:85", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512bw avx512cd avx512dq avx512f avx512vl
            avx512vnni bmi1 bmi2 clflush clflushopt clwb cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr
            invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pni
            popcnt pse pse36 rdrand rdseed rdtscp sep smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2 ssse3
            syscall tsc tsc-deadline vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Icelake-Client", "Intel", "6:126", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512-vpopcntdq avx512bitalg avx512vbmi
            avx512vbmi2 avx512vnni bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr gfni
            hle intel-pt invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pge pku
            pni popcnt pse pse36 rdrand rdseed rdtscp rtm sep smap smep spec-ctrl ssbd sse sse2 sse4.1
            sse4.2 ssse3 syscall tsc tsc-deadline umip vaes vme vpclmulqdq wbnoinvd x2apic xgetbv1 xsave
            xsavec xsaveopt
            """),
        Model("Icelake-Client-noTSX", "Intel", "6:126", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512-vpopcntdq avx512bitalg avx512vbmi
            avx512vbmi2 avx512vnni bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr gfni
            intel-pt invpcid lahf_lm lm mca mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pge pku pni
            popcnt pse pse36 rdrand rdseed rdtscp sep smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2 ssse3
            syscall tsc tsc-deadline umip vaes vme vpclmulqdq wbnoinvd x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Icelake-Server", "Intel", "6:106", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512-vpopcntdq avx512bitalg avx512bw avx512cd
            avx512dq avx512f avx512vbmi avx512vbmi2 avx512vl avx512vnni bmi1 bmi2 clflush clflushopt clwb
            cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr gfni hle intel-pt invpcid la57 lahf_lm lm mca
            mce mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pku pni popcnt pse pse36 rdrand
            rdseed rdtscp rtm sep smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-
            deadline umip vaes vme vpclmulqdq wbnoinvd x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Icelake-Server-noTSX", "Intel", "6:106", """
            3dnowprefetch abm adx aes apic arat avx avx2 avx512-vpopcntdq avx512bitalg avx512bw avx512cd
            avx512dq avx512f avx512vbmi avx512vbmi2 avx512vl avx512vnni bmi1 bmi2 clflush clflushopt clwb
            cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr gfni intel-pt invpcid la57 lahf_lm lm mca mce
            mmx movbe mpx msr mtrr nx pae pat pcid pclmuldq pdpe1gb pge pku pni popcnt pse pse36 rdrand
            rdseed rdtscp sep smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline
            umip vaes vme vpclmulqdq wbnoinvd x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Cooperlake", "Intel", "6:85", """
            3dnowprefetch abm adx aes apic arat arch-capabilities avx avx2 avx512-bf16 avx512bw avx512cd
            avx512dq avx512f avx512vl avx512vnni bmi1 bmi2 clflush clflushopt clwb cmov cx16 cx8 de erms
            f16c fma fpu fsgsbase fxsr hle ibrs-all invpcid lahf_lm lm mca mce mds-no mmx movbe msr mtrr nx
            pae pat pcid pclmuldq pdpe1gb pge pku pni popcnt pschange-mc-no pse pse36 rdctl-no rdrand rdseed
            rdtscp rtm sep skip-l1dfl-vmentry smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2 ssse3 stibp
            syscall taa-no tsc tsc-deadline vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("Snowridge", "Intel", "6:134", """
            3dnowprefetch aes apic arat arch-capabilities cldemote clflush clflushopt clwb cmov core-
            capability cx16 cx8 de erms fpu fsgsbase fxsr gfni lahf_lm lm mca mce mmx movbe movdir64b
            movdiri msr mtrr nx pae pat pclmuldq pdpe1gb pge pni popcnt pse pse36 rdrand rdseed rdtscp sep
            sha-ni smap smep spec-ctrl split-lock-detect ssbd sse sse2 sse4.1 sse4.2 ssse3 syscall tsc tsc-
            deadline umip vme x2apic xgetbv1 xsave xsavec xsaveopt
            """),
        Model("athlon", "AMD", "", """
            3dnow 3dnowext apic cmov cx8 de fpu fxsr mce mmx mmxext msr mtrr pae pat pge pse pse36 sep sse
            sse2 tsc vme
            """),
        Model("phenom", "AMD", "", """
            3dnow 3dnowext apic clflush cmov cx8 de fpu fxsr fxsr_opt lm mca mce mmx mmxext monitor msr mtrr
            nx pae pat pge pni pse pse36 sep sse sse2 svm syscall tsc
            """),
        Model("Opteron_G1", "AMD", "15:6", """
            apic clflush cmov cx8 de fpu fxsr lm mca mce mmx msr mtrr nx pae pat pge pni pse pse36 sep sse
            sse2 syscall tsc
            """),
        Model("Opteron_G2", "AMD", "15:6", """
            apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce mmx msr mtrr nx pae pat pge pni pse
            pse36 rdtscp sep sse sse2 svm syscall tsc
            """),
        Model("Opteron_G3", "AMD", "15:6", """
            abm apic clflush cmov cx16 cx8 de fpu fxsr lahf_lm lm mca mce misalignsse mmx msr mtrr nx pae
            pat pge pni popcnt pse pse36 rdtscp sep sse sse2 sse4a svm syscall tsc
            """),
        Model("Opteron_G4", "AMD", "21:1", """
            3dnowprefetch abm aes apic avx clflush cmov cx16 cx8 de fma4 fpu fxsr lahf_lm lm mca mce
            misalignsse mmx msr mtrr nx pae pat pclmuldq pdpe1gb pge pni popcnt pse pse36 rdtscp sep sse
            sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall tsc xop xsave
            """),
        Model("Opteron_G5", "AMD", "21:2", """
            3dnowprefetch abm aes apic avx clflush cmov cx16 cx8 de f16c fma fma4 fpu fxsr lahf_lm lm mca
            mce misalignsse mmx msr mtrr nx pae pat pclmuldq pdpe1gb pge pni popcnt pse pse36 rdtscp sep sse
            sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall tbm tsc xop xsave
            """),
        Model("EPYC", "AMD", "23:1", """
            3dnowprefetch abm adx aes apic arat avx avx2 bmi1 bmi2 clflush clflushopt cmov cr8legacy cx16
            cx8 de f16c fma fpu fsgsbase fxsr fxsr_opt lahf_lm lm mca mce misalignsse mmx mmxext movbe msr
            mtrr nx osvw pae pat pclmuldq pdpe1gb pge pni popcnt pse pse36 rdrand rdseed rdtscp sep sha-ni
            smap smep sse sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall tsc vme xgetbv1 xsave xsavec xsaveopt
            """),
        Model("EPYC-IBPB", "AMD", "23:1", """
            3dnowprefetch abm adx aes apic arat avx avx2 bmi1 bmi2 clflush clflushopt cmov cr8legacy cx16
            cx8 de f16c fma fpu fsgsbase fxsr fxsr_opt ibpb lahf_lm lm mca mce misalignsse mmx mmxext movbe
            msr mtrr nx osvw pae pat pclmuldq pdpe1gb pge pni popcnt pse pse36 rdrand rdseed rdtscp sep sha-
            ni smap smep sse sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall tsc vme xgetbv1 xsave xsavec
            xsaveopt
            """),
        Model("EPYC-Rome", "AMD", "23:49", """
            3dnowprefetch abm adx aes amd-stibp apic arat avx avx2 bmi1 bmi2 clflush clflushopt clwb clzero
            cmov cr8legacy cx16 cx8 de f16c fma fpu fsgsbase fxsr fxsr_opt ibpb lahf_lm lm mca mce
            misalignsse mmx mmxext movbe msr mtrr npt nrip-save nx osvw pae pat pclmuldq pdpe1gb
            perfctr_core pge pni popcnt pse pse36 rdpid rdrand rdseed rdtscp sep sha-ni smap smep sse sse2
            sse4.1 sse4.2 sse4a ssse3 svm syscall tsc umip vme wbnoinvd xgetbv1 xsave xsavec xsaveerptr
            xsaveopt
            """),
        Model("EPYC-Milan", "AMD", "25:1", """
            3dnowprefetch abm adx aes amd-ssbd amd-stibp apic arat avx avx2 bmi1 bmi2 clflush clflushopt
            clwb clzero cmov cr8legacy cx16 cx8 de erms f16c fma fpu fsgsbase fsrm fxsr fxsr_opt ibpb ibrs
            invpcid lahf_lm lm mca mce misalignsse mmx mmxext movbe msr mtrr npt nrip-save nx osvw pae pat
            pcid pclmuldq pdpe1gb perfctr_core pge pku pni popcnt pse pse36 rdpid rdrand rdseed rdtscp sep
            sha-ni smap smep sse sse2 sse4.1 sse4.2 sse4a ssse3 svm svme-addr-chk syscall tsc umip vme
            wbnoinvd xgetbv1 xsave xsavec xsaveerptr xsaveopt xsaves
            """),
        Model("Dhyana", "Hygon", "24:0", """
            3dnowprefetch abm adx apic arat avx avx2 bmi1 bmi2 clflush clflushopt cmov cr8legacy cx16 cx8 de
            f16c fma fpu fsgsbase fxsr fxsr_opt ibpb lahf_lm lm mca mce misalignsse mmx mmxext movbe msr
            mtrr nx osvw pae pat pdpe1gb pge pni popcnt pse pse36 rdrand rdseed rdtscp sep smap smep sse
            sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall tsc vme xgetbv1 xsave xsavec xsaveopt
            """),
    ];

    /// <summary>The model named <paramref name="name"/>, or null.</summary>
    public static X86CpuModel? Find(string name)
    {
        foreach (var m in Models)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        return null;
    }

    private static X86CpuModel Model(string name, string? vendor, string signatures, string features)
    {
        var sigs = ImmutableArray.CreateBuilder<(int Family, int Model)>();
        foreach (var sig in signatures.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = sig.Split(':');
            sigs.Add((int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)));
        }

        return new X86CpuModel(name, vendor, sigs.ToImmutable(), Words(features).ToImmutableHashSet(StringComparer.Ordinal));
    }

    private static ImmutableArray<string> Words(string text) =>
        [.. text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)];
}

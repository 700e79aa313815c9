namespace Vireo.Qemu.DomainCapabilities;

/// <summary>When a <see cref="UsableVideoRule"/> removes its model.</summary>
public enum UsableVideoCondition
{
    /// <summary>ARM guest (aarch64, armv7l, armv6l) under KVM on a host without FEAT_S2FWB.</summary>
    ArmKvmWithoutS2fwb,

    /// <summary>s390 guest, any accelerator.</summary>
    S390,

    /// <summary>The machine type has no fw_cfg device.</summary>
    MachineWithoutFwCfg,
}

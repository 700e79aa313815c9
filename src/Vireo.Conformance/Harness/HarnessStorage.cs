using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.Storage;

namespace Vireo.Conformance.Harness;

/// <summary>
/// The fake storage driver of libvirt's argv harness (SPEC §1.6): pool <c>inactive</c> is
/// inactive; other pools would be defined by libvirt's storagepoolxml2xmlout fixtures,
/// which this corpus does not ship, so they do not exist here (a missing file means no
/// pool, as in libvirt's harness); volume <c>nonexistent</c> does not exist, a volume named
/// <c>TYPE+NAME</c> has type TYPE (else block) and lives at <c>/some/TYPE/device/NAME</c>.
/// </summary>
public sealed class HarnessStorage : IStorageLookup
{
    /// <inheritdoc/>
    public StoragePoolInfo Pool(string name) => name switch
    {
        "inactive" => new StoragePoolInfo { Type = "dir", Active = false },
        _ => throw new DomainConfigException(ErrorKind.OperationFailed, $"no storage pool with matching name '{name}'"),
    };

    /// <inheritdoc/>
    public StorageVolumeInfo Volume(string pool, string name)
    {
        if (name == "nonexistent")
        {
            throw new DomainConfigException(ErrorKind.OperationFailed, $"no storage vol with matching name '{name}'");
        }

        var plus = name.IndexOf('+', StringComparison.Ordinal);
        var type = plus > 0 ? name[..plus] : "block";
        var volName = plus > 0 ? name[(plus + 1)..] : name;
        return new StorageVolumeInfo { Type = type, Path = "/some/" + type + "/device/" + volName };
    }
}

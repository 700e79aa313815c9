using Vireo.Domain;
using Vireo.Qemu.Configuration;

namespace Vireo.Runtime.Launch;

/// <summary>A definition ready for its command line, with the driver configuration and firmware choice that go with it.</summary>
/// <param name="Definition">Post-parsed, firmware filled, every device aliased.</param>
/// <param name="Config">The driver configuration rooted in the state directory.</param>
/// <param name="Firmware">The firmware choice (loader, NVRAM and its template).</param>
public sealed record PreparedDomain(DomainDefinition Definition, DriverConfig Config, FirmwareChoice Firmware);

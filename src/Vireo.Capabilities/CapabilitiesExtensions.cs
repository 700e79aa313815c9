using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>Transformations over a <see cref="QemuCapabilities"/> snapshot.</summary>
public static class CapabilitiesExtensions
{
    private static readonly Accelerator[] AccelOrder = [Accelerator.Kvm, Accelerator.Tcg, Accelerator.Hvf];

    /// <summary>
    /// Replaces machine aliases by real machine entries: for every accelerator (kvm, tcg,
    /// hvf), each machine keeps its place with its alias removed, and a copy named after
    /// the alias (all other fields kept, including <see cref="MachineType.IsDefault"/>)
    /// is appended after that accelerator's machines. The result is grouped by accelerator.
    /// </summary>
    public static QemuCapabilities StripMachineAliases(this QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);

        var result = ImmutableArray.CreateBuilder<MachineType>(caps.Machines.Length);
        foreach (var accel in AccelOrder)
        {
            var copies = new List<MachineType>();
            foreach (var machine in caps.Machines)
            {
                if (machine.Accelerator != accel)
                {
                    continue;
                }

                if (machine.Alias is { } alias)
                {
                    result.Add(machine with { Alias = null });
                    copies.Add(machine with { Name = alias, Alias = null });
                }
                else
                {
                    result.Add(machine);
                }
            }

            result.AddRange(copies);
        }

        return caps with { Machines = result.ToImmutable() };
    }
}

using System.Collections.Immutable;
using Vireo.Qemu.Configuration;

namespace Vireo.Conformance.Harness;

/// <summary>The driver configuration after applying a <c>state</c> column, and the settings that could not be applied.</summary>
public sealed record StateApplication(DriverConfig Config, ImmutableArray<StateSetting> Unrecognized);

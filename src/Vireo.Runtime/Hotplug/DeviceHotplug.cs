using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu;
using Vireo.Qmp;
using Vireo.Runtime.Control;
using Vireo.Runtime.Launch;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Hotplug;

/// <summary>
/// Plugs devices into running guests and pulls them out. The new device goes through the
/// same engine as at start: it is added to the live definition, post-parsed (so its
/// address is assigned the way a start would, next to the addresses already taken), the
/// command line is built, and the device's own <c>-device</c>, <c>-blockdev</c>,
/// <c>-netdev</c> and <c>-object</c> options become <c>device_add</c>, <c>blockdev-add</c>,
/// <c>netdev_add</c> and <c>object-add</c>. Anything the device would need beyond itself
/// (a new controller, a new root port) is refused with the reason.
/// </summary>
public static class DeviceHotplug
{
    /// <summary>Hot-plugs the device described by <paramref name="deviceXml"/>.</summary>
    /// <exception cref="RuntimeException">The device cannot be hot-plugged (the message says why and what to do), or QEMU refused it.</exception>
    public static async Task<AttachResult> AttachAsync(StateDirectory state, string name, string deviceXml, HotplugOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var element = DeviceXml.Parse(deviceXml);
        HotplugRules.CheckElement(element, "hot-plugged");

        await using var session = await GuestSession.OpenAsync(state, name, options.Session, cancellationToken).ConfigureAwait(false);
        var startOptions = StartOptionsFor(options);
        var liveXml = DomainStore.ReadLiveXml(session.Paths);
        var live = LiveDefinition.Parse(liveXml);
        var withDevice = DeviceXml.WithDevice(liveXml, element);
        var postParsed = QemuEngine.PostParse(withDevice, options.Host, DomainLauncher.Config(startOptions, session.Paths), inactive: true);

        var known = live.Devices.Select(d => d.Info.Alias).OfType<string>().ToHashSet(StringComparer.Ordinal);
        (var added, postParsed) = NewDevice(live, postParsed, element.Name.LocalName, known);
        CheckExistingUnchanged(live, postParsed);
        var index = postParsed.Devices.IndexOf(added);
        var prepared = DomainLauncher.Finish(postParsed, session.Paths, startOptions);
        var def = UniqueAlias(prepared.Definition, index, known);
        var device = def.Devices[index];
        HotplugRules.CheckDevice(device, def, "hot-plugged");

        var context = DomainLauncher.Context(session.Record.Id, session.Paths, startOptions) with { MasterKey = ReadMasterKey(session, startOptions) };
        var cmd = QemuEngine.BuildCommandLine(def, options.Host, prepared.Config, context);
        var alias = device.Info.Alias!;
        if (!CommandLineDevices.Plugs(cmd.Arguments).TryGetValue(alias, out var plug))
        {
            throw new RuntimeException($"the command line built for the new <{element.Name.LocalName}> has no device '{alias}' to hot-plug");
        }

        if (!plug.Chardevs.IsEmpty)
        {
            throw new RuntimeException(ErrorKind.OperationUnsupported, $"'{alias}' needs a character device backend, which Vireo does not hot-plug; add it to the domain XML and start the guest again");
        }

        plug = NodeNames.Renumber(plug, await BlockNodesInUseAsync(session, cancellationToken).ConfigureAwait(false));
        var sent = await PlugAsync(session, plug, cancellationToken).ConfigureAwait(false);

        DomainStore.WriteLiveXml(session.Paths, LiveDefinition.Format(def));
        session.UpdateRecord(session.Record with { Backends = session.Record.Backends.SetItem(alias, CommandLineDevices.Backends(plug)) });
        return new AttachResult(alias, CommandLineDevices.Str(plug.Device, "driver") ?? "", device.Info.Address, sent);
    }

    /// <summary>Unplugs the device of the running guest that <paramref name="deviceXml"/> describes.</summary>
    public static async Task<DetachResult> DetachAsync(StateDirectory state, string name, string deviceXml, HotplugOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var element = DeviceXml.Parse(deviceXml);
        HotplugRules.CheckElement(element, "unplugged");

        await using var session = await GuestSession.OpenAsync(state, name, options.Session, cancellationToken).ConfigureAwait(false);
        var liveXml = DomainStore.ReadLiveXml(session.Paths);
        var live = LiveDefinition.Parse(liveXml);
        var wanted = DeviceXml.WithDevice(liveXml, element).Devices[^1];
        var device = DeviceMatcher.Find(live, wanted)
            ?? throw new RuntimeException(ErrorKind.InvalidArgument,
                $"no device of domain '{name}' matches the <{element.Name.LocalName}> given (devices are matched by <alias>, disk <target dev>, interface <mac>, host device source, or <address>)");
        HotplugRules.CheckDevice(device, live, "unplugged");
        var alias = device.Info.Alias ?? throw new RuntimeException($"the matching <{element.Name.LocalName}> has no alias in the live definition");

        var clock = Stopwatch.StartNew();
        await UnplugAsync(session, alias, options.DetachTimeout, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        if (session.Record.Backends.TryGetValue(alias, out var backends))
        {
            await DeleteBackendsAsync(session, backends, cancellationToken).ConfigureAwait(false);
        }

        var remaining = live with { Devices = live.Devices.Remove(device) };
        DomainStore.WriteLiveXml(session.Paths, LiveDefinition.Format(remaining));
        session.UpdateRecord(session.Record with { Backends = session.Record.Backends.Remove(alias) });
        return new DetachResult(alias, elapsed);
    }

    private static StartOptions StartOptionsFor(HotplugOptions options) => new()
    {
        Host = options.Host,
        Config = options.Config,
        FirmwareDirectories = options.FirmwareDirectories,
    };

    /// <summary>
    /// The one device post-parse added for the element, and the definition without the
    /// spare controllers post-parse adds for future hot-plugs (a running guest does not get
    /// them). Refuses when the device needs something else new (a controller it sits on).
    /// </summary>
    private static (DomainDevice Device, DomainDefinition Definition) NewDevice(DomainDefinition live, DomainDefinition postParsed, string elementName, HashSet<string> known)
    {
        // Devices without aliases (audio backends...) are matched by kind and count.
        var unaliased = live.Devices.Where(d => d.Info.Alias is null).GroupBy(d => d.ElementName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = new List<DomainDevice>();
        foreach (var d in postParsed.Devices)
        {
            if (d.Info.Alias is { } alias)
            {
                if (!known.Contains(alias))
                {
                    added.Add(d);
                }

                continue;
            }

            seen[d.ElementName] = seen.GetValueOrDefault(d.ElementName) + 1;
            if (seen[d.ElementName] > unaliased.GetValueOrDefault(d.ElementName))
            {
                added.Add(d);
            }
        }

        var mine = added.Where(d => d.ElementName == elementName).ToList();
        if (mine.Count != 1)
        {
            throw new RuntimeException($"adding the <{elementName}> to the live definition gave {mine.Count} new <{elementName}> devices instead of one");
        }

        var device = mine[0];
        var extras = added.Where(d => !ReferenceEquals(d, device)).ToList();
        var needed = extras.Where(d => d is not ControllerDevice c || Uses(device, c)).ToList();
        if (needed.Count > 0)
        {
            throw new RuntimeException(ErrorKind.OperationUnsupported,
                $"the <{elementName}> would need {string.Join(", ", needed.Select(Describe))} as well, which cannot be hot-plugged; add {(needed.Count == 1 ? "it" : "them")} to the domain XML and start the guest again");
        }

        var spare = extras.ToHashSet(ReferenceEqualityComparer.Instance);
        return (device, postParsed with { Devices = [.. postParsed.Devices.Where(d => !spare.Contains(d))] });
    }

    // Whether the device sits on the controller (directly).
    private static bool Uses(DomainDevice device, ControllerDevice c) => device.Info.Address switch
    {
        PciAddress pci => c.IsPci && c.Index == pci.Bus,
        UsbAddress usb => c.Type == "usb" && c.Index == usb.Bus,
        DriveAddress drive => c.Type is "scsi" or "ide" or "sata" or "fdc" && c.Index == drive.Controller,
        VirtioSerialAddress vs => c.Type == "virtio-serial" && c.Index == vs.Controller,
        CcidAddress ccid => c.Type == "ccid" && c.Index == ccid.Controller,
        _ => false,
    };

    private static string Describe(DomainDevice d) => d switch
    {
        ControllerDevice c => $"a new <controller type='{c.Type}'{(c.Model is null ? "" : $" model='{c.Model}'")}>" + (c.Model is "pcie-root-port" or "pci-bridge" ? " (no free hot-pluggable PCI slot is left)" : ""),
        _ => $"a new <{d.ElementName}>",
    };

    // Post-parse must leave the running devices where they are; if it moved one, the new
    // definition no longer describes the guest.
    private static void CheckExistingUnchanged(DomainDefinition live, DomainDefinition next)
    {
        // (A console that stands for a serial port shares its alias: compare like with like.)
        var before = new Dictionary<(string, string), DomainDevice>();
        foreach (var d in live.Devices)
        {
            if (d.Info.Alias is { } a)
            {
                before.TryAdd((d.ElementName, a), d);
            }
        }

        foreach (var d in next.Devices)
        {
            if (d.Info.Alias is { } alias && before.TryGetValue((d.ElementName, alias), out var old) && !Equals(old.Info.Address, d.Info.Address))
            {
                throw new RuntimeException($"adding the device would move '{alias}' to another address, which a running guest cannot follow; add the device to the domain XML and start the guest again");
            }
        }
    }

    // The engine numbers aliases over the whole definition; a running guest keeps the ones
    // it has, so a new device whose alias is taken gets the next free number instead.
    private static DomainDefinition UniqueAlias(DomainDefinition def, int index, HashSet<string> known)
    {
        var device = def.Devices[index];
        if (device.Info.Alias is { } alias && known.Contains(alias))
        {
            if (alias.StartsWith("ua-", StringComparison.Ordinal))
            {
                throw new RuntimeException(ErrorKind.InvalidArgument, $"alias '{alias}' is already used by another device of the domain");
            }

            return def with { Devices = def.Devices.SetItem(index, device.WithAlias(NextAlias(alias, known))) };
        }

        return def;
    }

    private static string NextAlias(string alias, HashSet<string> known)
    {
        var stem = alias.TrimEnd("0123456789".ToCharArray());
        var n = 0;
        while (known.Contains(stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            n++;
        }

        return stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ImmutableArray<byte> ReadMasterKey(GuestSession session, StartOptions options)
    {
        var context = DomainLauncher.Context(session.Record.Id, session.Paths, options);
        var path = Path.Combine(context.DomainLibDir(session.Paths.Name), "master-key.aes");
        try
        {
            return [.. File.ReadAllBytes(path)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot read the domain's master key '{path}': {ex.Message}", ex);
        }
    }

    private static async Task<IReadOnlyList<string>> BlockNodesInUseAsync(GuestSession session, CancellationToken cancellationToken)
    {
        var reply = await session.ExecuteAsync("query-named-block-nodes", new JsonObject { ["flat"] = true }, null, cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        foreach (var node in reply.EnumerateArray())
        {
            if (node.TryGetProperty("node-name", out var n) && n.GetString() is { } s)
            {
                names.Add(s);
            }
        }

        return names;
    }

    // Objects, block nodes (bottom up), netdevs, then the device; on any failure, what was
    // added is deleted again in reverse order.
    private static async Task<IReadOnlyList<string>> PlugAsync(GuestSession session, DevicePlug plug, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        var undo = new Stack<(string Command, JsonObject Arguments)>();
        try
        {
            foreach (var obj in plug.Objects)
            {
                await Send("object-add", obj, ("object-del", "id", CommandLineDevices.Str(obj, "id"))).ConfigureAwait(false);
            }

            foreach (var node in plug.BlockNodes)
            {
                await Send("blockdev-add", node, ("blockdev-del", "node-name", CommandLineDevices.Str(node, "node-name"))).ConfigureAwait(false);
            }

            foreach (var net in plug.Netdevs)
            {
                await Send("netdev_add", net, ("netdev_del", "id", CommandLineDevices.Str(net, "id"))).ConfigureAwait(false);
            }

            await Send("device_add", plug.Device, null).ConfigureAwait(false);
            return sent;
        }
        catch (QmpErrorException ex)
        {
            await RollBackAsync(session, undo).ConfigureAwait(false);
            throw new RuntimeException($"QEMU refused to hot-plug '{plug.Alias}': {ex.Command}: {ex.Description}", ex);
        }
        catch
        {
            await RollBackAsync(session, undo).ConfigureAwait(false);
            throw;
        }

        async Task Send(string command, JsonObject arguments, (string Command, string Key, string? Id)? inverse)
        {
            await session.ExecuteAsync(command, (JsonObject)arguments.DeepClone(), null, cancellationToken).ConfigureAwait(false);
            sent.Add(command + " " + arguments.ToJsonString());
            if (inverse is { Id: { } id } inv)
            {
                undo.Push((inv.Command, new JsonObject { [inv.Key] = id }));
            }
        }
    }

    private static async Task RollBackAsync(GuestSession session, Stack<(string Command, JsonObject Arguments)> undo)
    {
        while (undo.TryPop(out var step))
        {
            try
            {
                await session.ExecuteAsync(step.Command, step.Arguments, null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (QmpException)
            {
                // Best effort: QEMU may be gone, or the object never existed.
            }
        }
    }

    private static async Task UnplugAsync(GuestSession session, string alias, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await session.ExecuteAsync("device_del", new JsonObject { ["id"] = alias }, null, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpErrorException ex) when (ex.ErrorClass == "DeviceNotFound")
        {
            return; // gone already (an earlier request completed)
        }
        catch (QmpErrorException ex) when (ex.Description.Contains("in the process of unplug", StringComparison.OrdinalIgnoreCase))
        {
            // An earlier request is still pending: wait for it below.
        }

        // DEVICE_DELETED comes once QEMU has finalized the device and let go of its backends.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                using var slice = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
                slice.CancelAfter(TimeSpan.FromSeconds(1));
                try
                {
                    await foreach (var ev in session.Client.Events.ReadAllAsync(slice.Token).ConfigureAwait(false))
                    {
                        if (ev.Name == "DEVICE_DELETED" && ev.Data is { } data && data.TryGetProperty("device", out var d) && d.GetString() == alias)
                        {
                            return;
                        }
                    }

                    throw session.ExitedDuring("device_del");
                }
                catch (OperationCanceledException) when (!limit.IsCancellationRequested)
                {
                    // Each second, in case the event was missed: is the device still there?
                    if (!await ExistsAsync(session, alias, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: below.
        }

        throw new RuntimeException(
            $"the guest did not release '{alias}' within {timeout.TotalSeconds:0.#} s (PCI unplug needs the guest's operating system to acknowledge it); the request stays pending and the device stays in the live definition: run detach-device again later, or destroy the guest");
    }

    private static async Task<bool> ExistsAsync(GuestSession session, string alias, CancellationToken cancellationToken)
    {
        var reply = await session.ExecuteAsync("qom-list", new JsonObject { ["path"] = "/machine/peripheral" }, null, cancellationToken).ConfigureAwait(false);
        foreach (var p in reply.EnumerateArray())
        {
            if (p.TryGetProperty("name", out var n) && n.GetString() == alias)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task DeleteBackendsAsync(GuestSession session, DeviceBackends backends, CancellationToken cancellationToken)
    {
        var steps = backends.BlockNodes.Select(n => ("blockdev-del", new JsonObject { ["node-name"] = n }))
            .Concat(backends.Netdevs.Select(n => ("netdev_del", new JsonObject { ["id"] = n })))
            .Concat(backends.Chardevs.Select(c => ("chardev-remove", new JsonObject { ["id"] = c })))
            .Concat(backends.Objects.Select(o => ("object-del", new JsonObject { ["id"] = o })));
        foreach (var (command, arguments) in steps)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await session.ExecuteAsync(command, arguments, null, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (QmpErrorException ex) when (attempt < 20 && (ex.Description.Contains("in use", StringComparison.OrdinalIgnoreCase) || ex.Description.Contains("busy", StringComparison.OrdinalIgnoreCase)))
                {
                    // Still being released.
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
                catch (QmpErrorException)
                {
                    // Already gone with the device (QEMU drops a netdev's peer, auto-deleted nodes...).
                    break;
                }
            }
        }
    }
}

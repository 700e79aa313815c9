using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// QMP error replies reach the caller as a <see cref="QmpErrorException"/> with QEMU's error
/// class and description verbatim — the five classes QEMU defines, one it may define later,
/// and odd descriptions — and the connection stays usable.
/// </summary>
public class ErrorClassTests
{
    /// <summary>
    /// The classes are QEMU's QapiErrorClass enumeration (qapi/error.json in the QEMU source
    /// tree): GenericError, CommandNotFound, DeviceNotActive, DeviceNotFound, KVMMissingCap.
    /// </summary>
    public static TheoryData<string, string> Errors() => new()
    {
        { "GenericError", "Parameter 'driver' is missing" },
        { "CommandNotFound", "The command frobnicate has not been found" },
        { "DeviceNotActive", "No balloon device has been activated" },
        { "DeviceNotFound", "Device 'net9' not found" },
        { "KVMMissingCap", "Using KVM without kvm-pit-reinjection, reinjection is broken" },
        { "SomeFutureClass", "a class this client has never heard of" },
        { "GenericError", "" },
        { "GenericError", "Gerät »net0« nicht gefunden ✓ — 设备" },
        { "GenericError", "quotes \\\" and \\\\ backslashes \\n and a newline escape" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task The_error_class_and_description_are_kept(string errorClass, string description)
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer, "device_del");

        await peer.ErrorAsync(command, errorClass, description, Ct);

        var ex = Assert.IsType<QmpErrorException>(await FailureOf(reply));
        Assert.Equal(errorClass, ex.ErrorClass);
        Assert.Equal(System.Text.Json.JsonDocument.Parse("\"" + description + "\"").RootElement.GetString(), ex.Description);
        Assert.Equal("device_del", ex.Command);
        Assert.True(client.IsConnected);

        var (next, nextCommand) = await PendingAsync(client, peer);
        await peer.ReplyAsync(nextCommand, "{}", Ct);
        await next.WaitAsync(Bound, Ct);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task An_error_without_a_class_is_a_GenericError()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer);

        await peer.SendAsync($$"""{"error": {"desc": "no class given"}, "id": {{command.GetProperty("id").GetRawText()}}}""", Ct);

        var ex = Assert.IsType<QmpErrorException>(await FailureOf(reply));
        Assert.Equal("GenericError", ex.ErrorClass);
        Assert.Equal("no class given", ex.Description);
        await AssertReleasedAsync(client, peer);
    }
}

using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.State;

public class StateDirectoryTests
{
    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    [InlineData("..")]
    public void Names_that_cannot_be_directories_are_refused(string name)
    {
        var ex = Assert.Throws<RuntimeException>(() => new StateDirectory("/tmp/x").Paths(name));
        Assert.Contains("cannot be used", ex.Message);
    }

    [Fact]
    public void Layout()
    {
        var paths = new StateDirectory("/run/vireo").Paths("web-1");
        Assert.Equal("/run/vireo/domains/web-1", paths.Directory);
        Assert.Equal("/run/vireo/domains/web-1/monitor.sock", paths.MonitorSocket);
        Assert.Equal("/run/vireo/domains/web-1/console.sock", paths.SerialSocket(0));
        Assert.Equal("/run/vireo/domains/web-1/serial1.sock", paths.SerialSocket(1));
        Assert.Equal("/run/vireo/logs/web-1.log", paths.LogFile);
        Assert.Equal("/run/vireo/locks/web-1.lock", paths.LockFile);
        Assert.Equal("/run/vireo/nvram", paths.NvramDirectory);
    }

    [Fact]
    public void EnsureWritable_creates_private_directories()
    {
        using var temp = new TempState();
        var state = new StateDirectory(Path.Combine(temp.Root, "new"));
        state.EnsureWritable();
        Assert.True(Directory.Exists(Path.Combine(state.Root, "domains")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state.Root));
        }
    }

    [Fact]
    public void A_file_in_the_way_is_a_clear_error()
    {
        using var temp = new TempState();
        var file = Path.Combine(temp.Root, "file");
        File.WriteAllText(file, "");
        var ex = Assert.Throws<RuntimeException>(() => new StateDirectory(Path.Combine(file, "state")).EnsureWritable());
        Assert.Contains("is not writable", ex.Message);
        Assert.Contains("--state-dir", ex.Message);
    }

    [Fact]
    public void Records_round_trip_atomically()
    {
        using var temp = new TempState();
        temp.State.EnsureWritable();
        var paths = temp.State.Paths("a");
        Directory.CreateDirectory(paths.Directory);
        var record = new DomainRecord { Name = "a", Id = 3, Pid = 42, ProcessStartTime = 7, Phase = DomainPhase.Ready };
        DomainStore.WriteRecord(paths, record);
        var back = DomainStore.ReadRecord(paths)!;
        Assert.Equal(3, back.Id);
        Assert.Equal(42, back.Pid);
        Assert.Equal(DomainPhase.Ready, back.Phase);
        Assert.Equal("42\n", File.ReadAllText(paths.PidFile));
        Assert.Empty(Directory.GetFiles(paths.Directory, ".*"));
        Assert.Equal(["a"], temp.State.DomainNames());
    }

    [Fact]
    public void A_corrupt_record_is_reported_not_thrown_as_json()
    {
        using var temp = new TempState();
        var paths = temp.State.Paths("a");
        Directory.CreateDirectory(paths.Directory);
        File.WriteAllText(paths.RecordFile, "{not json");
        var ex = Assert.Throws<RuntimeException>(() => DomainStore.ReadRecord(paths));
        Assert.Contains("corrupt", ex.Message);
    }
}

using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.State;

public class FileLockTests
{
    [Fact]
    public void A_held_lock_is_busy_until_released()
    {
        using var temp = new TempState();
        var path = Path.Combine(temp.Root, "l.lock");
        using (var first = FileLock.TryAcquire(path, TimeSpan.Zero))
        {
            Assert.NotNull(first);
            Assert.Null(FileLock.TryAcquire(path, TimeSpan.FromMilliseconds(100)));
        }

        using var again = FileLock.TryAcquire(path, TimeSpan.Zero);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_waiter_gets_the_lock_when_it_is_released()
    {
        using var temp = new TempState();
        var path = Path.Combine(temp.Root, "l.lock");
        var first = FileLock.TryAcquire(path, TimeSpan.Zero)!;
        var waiter = Task.Run(() => FileLock.TryAcquire(path, TimeSpan.FromSeconds(10)));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        first.Dispose();
        using var got = await waiter;
        Assert.NotNull(got);
    }

    [Fact]
    public void Domain_lock_busy_message()
    {
        using var temp = new TempState();
        temp.State.EnsureWritable();
        using var held = temp.State.LockDomain("g", TimeSpan.Zero);
        var ex = Assert.Throws<RuntimeException>(() => temp.State.LockDomain("g", TimeSpan.FromMilliseconds(50)));
        Assert.Contains("domain 'g' is busy", ex.Message);
    }
}

namespace Vireo.Domain.Tests.Hostile;

/// <summary>Hostile values echoed in an error message cannot break the line, drive the terminal or flood it.</summary>
public class EchoTests
{
    [Theory]
    [InlineData("evil&#10;vireo: fake second line")]
    [InlineData("evil&#13;overwrite")]
    [InlineData("evil&#x202E;txt.exe")]
    [InlineData("evil&#x85;next")]
    [InlineData("evil&#x9B;31m")]
    public void Echoed_values_stay_on_one_inert_line(string value)
    {
        var ex = Refusal.OfText(HostileXml.Domain(devices: $"<video><model type='{value}'/></video>"));
        Assert.Contains("evil", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(HostileXml.DeviceLine, ex.Line);
    }

    [Fact]
    public void A_megabyte_value_gives_a_short_message()
    {
        var ex = Refusal.OfText(HostileXml.Domain(devices: $"<video><model type='{new string('A', 1024 * 1024)}'/></video>"));
        Assert.Contains("characters in all", ex.Detail, StringComparison.Ordinal);
    }
}

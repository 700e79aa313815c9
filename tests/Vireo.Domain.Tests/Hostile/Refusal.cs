using Vireo.Domain.Errors;
using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>Assertions shared by the hostile-input tests: a Vireo refusal with a one-line message.</summary>
internal static class Refusal
{
    /// <summary>Parses <paramref name="xml"/> and returns the <see cref="DomainXmlException"/> it must raise.</summary>
    public static DomainXmlException OfText(string xml, DomainParseOptions? options = null) =>
        Expect(() => DomainXmlParser.Parse(xml, options));

    /// <summary>Parses the file at <paramref name="path"/> and returns the <see cref="DomainXmlException"/> it must raise.</summary>
    public static DomainXmlException OfFile(string path, DomainParseOptions? options = null) =>
        Expect(() => DomainXmlParser.ParseFile(path, options));

    private static DomainXmlException Expect(Func<DomainDefinition> parse)
    {
        Exception? caught = null;
        try
        {
            parse();
        }
        catch (Exception e)
        {
            caught = e;
        }

        Assert.NotNull(caught);
        var ex = Assert.IsType<DomainXmlException>(caught);
        OneLine(ex.Message);
        Assert.StartsWith("XML error: ", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    /// <summary>A message fit for one line of stderr: no line breaks, no control characters, not empty, at most about 512 characters of detail.</summary>
    public static void OneLine(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain(message, char.IsControl);
        if (message.Length >= 600)
        {
            Assert.Fail($"message is {message.Length} characters long: {message[..200]}...");
        }
    }
}

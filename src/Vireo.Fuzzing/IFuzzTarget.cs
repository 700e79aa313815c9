namespace Vireo.Fuzzing;

/// <summary>What the fuzzer runs each input through.</summary>
public interface IFuzzTarget
{
    /// <summary>
    /// Runs one input and classifies the answer; never throws for a bad input.
    /// <paramref name="variant"/> picks among equivalent set-ups (capabilities);
    /// <paramref name="slot"/>, when given, is told the phase reached.
    /// </summary>
    FuzzOutcome Run(byte[] input, long variant, FuzzSlot? slot = null);
}

using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;

namespace IceFarm.Client.Tests;

/// <summary>Generated bitstreams whose expected pulse count is known (their label carries the frequency).</summary>
internal static class Circuits
{
    public static List<Bitstream> Pulses(int count, int firstHz = 1_000, int stepHz = 7) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var hz = firstHz + (i * stepHz);
            return new Bitstream($"c{i:D4}_{hz}hz.bin", BitstreamGenerator.Generate(new CircuitDesign(hz, Seed: i)));
        })];

    /// <summary>The simulated FPGA counts the design's frequency over the 1 s window, a few edges short.</summary>
    public static bool Plausible(EvaluationResult result)
    {
        var hz = int.Parse(result.Label.Split('_')[1].Replace("hz.bin", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        return result.Pulses is { } pulses && pulses <= hz && pulses >= hz - 10;
    }
}

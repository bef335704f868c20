using IceFarm.Contracts.Bitstreams;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The numbers a simulated board reports (hardware.md §8.4), drawn from the board's seeded random source.</summary>
internal sealed class SimulatedMeasurements(Random random, SimulationProfile profile)
{
    /// <summary>Samples the variance firmware takes.</summary>
    public const int SampleCount = 500;

    private const int MidScale = 2048;
    private const int AdcMax = 4095;
    private const int FloatingPinNoise = 24;

    // The real board's sampling instants, whatever the profile's pace: the waveform a design stands for
    // must not change with the speed of the simulation.
    private static readonly TimeSpan RealSettle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RealSampleInterval = TimeSpan.FromMicroseconds(102);

    /// <summary>init, start, open, write, close in µs, as the firmware prints them.</summary>
    public long[] FlashTimes() => profile.FlashTimeJitter
        ? [random.Next(4, 8), random.Next(1, 4), random.Next(1305, 1321), random.Next(22_100, 22_301), random.Next(9, 15)]
        : [5, 2, 1312, 22_170, 11];

    /// <summary>Rising edges in the firmware's 1 s window: the design's rate less the small start-up deficit seen on real boards.</summary>
    public long PulseCount(FpgaLoad load)
    {
        if (!load.Configured)
        {
            return 0;
        }

        var ideal = (long)Math.Round(load.FrequencyHz * 1.0, MidpointRounding.AwayFromZero);
        return Math.Max(0, ideal - random.Next(0, 7));
    }

    /// <summary>The 500 12-bit ADC samples of the design's waveform plus ADC noise.</summary>
    public int[] Samples(FpgaLoad load)
    {
        var adcNoise = random.Next(2, 9);
        var shape = load.Design?.Shape ?? WaveShape.Square;
        var amplitude = load.Design?.Amplitude ?? 2000;
        var waveNoise = new Random(load.Seed ^ (load.Design?.Seed ?? 0));
        var samples = new int[SampleCount];
        for (var i = 0; i < SampleCount; i++)
        {
            var t = (RealSettle + (RealSampleInterval * i)).TotalSeconds;
            var signal = load.Configured
                ? Wave(shape, load.FrequencyHz, amplitude, t, waveNoise)
                : MidScale + random.Next(-FloatingPinNoise, FloatingPinNoise + 1);
            samples[i] = Math.Clamp(signal + random.Next(-adcNoise, adcNoise + 1), 0, AdcMax);
        }

        return samples;
    }

    private static int Wave(WaveShape shape, double frequencyHz, int amplitude, double t, Random noise)
    {
        var half = amplitude / 2.0;
        var phase = (frequencyHz * t) - Math.Floor(frequencyHz * t);
        var value = shape switch
        {
            WaveShape.Square => phase < 0.5 ? MidScale + half : MidScale - half,
            WaveShape.Sine => MidScale + (half * Math.Sin(2 * Math.PI * phase)),
            _ => MidScale + ((noise.NextDouble() * 2) - 1) * half,
        };
        return (int)Math.Round(value);
    }
}

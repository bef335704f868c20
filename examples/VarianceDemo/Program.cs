// Reserves boards of kind "variance", evaluates circuits that drive square, sine and noise waves of growing amplitude
// onto the ADC pin, each once on whichever board is free, and prints the fitness (mean absolute step between ADC
// samples) per circuit, best first. Reads ICEFARM_URL and ICEFARM_TOKEN; exit code 0 only if every circuit produced
// a value. Optional argument: number of boards (default 2).
using System.Globalization;
using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;

var culture = CultureInfo.InvariantCulture;
var devices = args.Length > 0 ? int.Parse(args[0], culture) : 2;
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

WaveShape[] shapes = [WaveShape.Square, WaveShape.Sine, WaveShape.Noise];
int[] amplitudes = [500, 1500, 3000];
var designs = (from shape in shapes from amplitude in amplitudes select new CircuitDesign(5_000, shape, amplitude)).ToList();
var bitstreams = designs.Select(d => new Bitstream($"{d.Shape.ToString().ToLowerInvariant()}_{d.Amplitude}.bin", BitstreamGenerator.Generate(d))).ToList();

try
{
    using var client = FarmClient.FromEnvironment();
    await using var lease = await client.ReserveAsync("variance", devices, wait: TimeSpan.FromSeconds(60), ct: cancel.Token);
    Console.WriteLine($"Reserved {string.Join(", ", lease.Devices.Select(d => d.Serial))}; waiting for the variance firmware");
    await lease.WaitUntilReadyAsync(cancel.Token);

    var results = new List<EvaluationResult>();
    await foreach (var result in lease.EvaluateAsync(bitstreams, EvaluationMode.AnyBoard, ct: cancel.Token))
    {
        results.Add(result);
        Console.WriteLine(result.Succeeded
            ? string.Create(culture, $"Serial {result.Serial}, bitstream {result.Label}, fitness {result.Variance!.Fitness:F1} ({result.Variance.Samples?.Count ?? 0} samples)")
            : $"Serial {result.Serial}, bitstream {result.Label}, FAILED ({result.Failure!.Category}): {result.Failure.Reason}");
    }

    Console.WriteLine("Ranking:");
    foreach (var result in results.Where(r => r.Succeeded).OrderByDescending(r => r.Variance!.Fitness))
    {
        Console.WriteLine(string.Create(culture, $"  {result.Variance!.Fitness,8:F1}  {result.Label}"));
    }

    return results.Count == bitstreams.Count && results.All(r => r.Succeeded) ? 0 : 1;
}
catch (FarmApiException ex)
{
    Console.Error.WriteLine($"error: the farm refused ({ex.Status} {ex.Code}): {ex.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("error: cancelled or timed out");
    return 3;
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine($"error: cannot reach the farm at {Environment.GetEnvironmentVariable("ICEFARM_URL")}: {ex.Message}");
    return 4;
}

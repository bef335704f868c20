// Reserves one board, evaluates three generated pulse circuits (2, 8 and 32 kHz) on it and prints what iCEFARM's
// pulse_count_driver example prints: one line per result, total elapsed time, average per circuit, and the latency
// over the firmware's 1 s counting window. Reads ICEFARM_URL and ICEFARM_TOKEN; exit code 0 only if every circuit
// produced a value. Optional arguments: number of boards (default 1), circuits per board (default 3).
using System.Diagnostics;
using System.Globalization;
using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;

var culture = CultureInfo.InvariantCulture;
var devices = args.Length > 0 ? int.Parse(args[0], culture) : 1;
var circuits = args.Length > 1 ? int.Parse(args[1], culture) : 3;
int[] frequencies = [2_000, 8_000, 32_000];

// Ctrl+C cancels; disposing the lease (await using) then ends the reservation, so no board stays reserved.
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var bitstreams = Enumerable.Range(0, circuits)
    .Select(i => frequencies[i % frequencies.Length])
    .Select((hz, i) => new Bitstream($"pulse_{hz / 1000}khz_{i}.bin", BitstreamGenerator.Generate(new CircuitDesign(hz, Seed: i))))
    .ToList();

try
{
    using var client = FarmClient.FromEnvironment();
    await using var lease = await client.ReserveAsync("pulsecount", devices, wait: TimeSpan.FromSeconds(60), ct: cancel.Token);
    Console.WriteLine($"Reserved {string.Join(", ", lease.Devices.Select(d => d.Serial))}; waiting for the pulse-count firmware");
    await lease.WaitUntilReadyAsync(cancel.Token);
    Console.WriteLine(string.Create(culture, $"Expected evaluation time: {1.4 * circuits:F2}s"));

    var clock = Stopwatch.StartNew();
    var failures = 0;
    await foreach (var result in lease.EvaluateAsync(bitstreams, EvaluationMode.AllBoards, ct: cancel.Token))
    {
        Console.WriteLine(result.Succeeded
            ? $"Serial {result.Serial}, bitstream {result.Label}, result {result.Pulses}"
            : $"Serial {result.Serial}, bitstream {result.Label}, FAILED ({result.Failure!.Category}): {result.Failure.Reason}");
        failures += result.Succeeded ? 0 : 1;
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(culture, $"Total elapsed evaluation time: {elapsed:F2}s"));
    Console.WriteLine(string.Create(culture, $"Average circuit evaluation time: {elapsed / (circuits * devices):F2}s"));
    // The firmware counts for 1 s per circuit; what remains is the farm's overhead.
    Console.WriteLine(string.Create(culture, $"Total latency: {elapsed - 1.0 * circuits:F2}s"));
    Console.WriteLine(string.Create(culture, $"Average latency: {elapsed / circuits - 1.0:F2}s"));
    return failures == 0 ? 0 : 1;
}
catch (FarmApiException ex)
{
    Console.Error.WriteLine($"error: the farm refused ({ex.Status} {ex.Code}): {ex.Message}");
    return 2;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
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

// Reserves one board, evaluates three generated pulse circuits and prints one line per result,
// in the spirit of iCEFARM's pulse_count_driver example. Reads ICEFARM_URL and ICEFARM_TOKEN.
using System.Diagnostics;
using System.Globalization;
using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;

using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

int[] frequencies = [2_000, 8_000, 32_000];
var bitstreams = frequencies
    .Select(hz => new Bitstream($"circuit_{hz / 1000}kHz.bin", BitstreamGenerator.Generate(new CircuitDesign(hz))))
    .ToList();

try
{
    using var client = FarmClient.FromEnvironment();
    Console.WriteLine($"pulsecount boards available: {await client.AvailableAsync("pulsecount", cancel.Token)}");
    await using var lease = await client.ReserveAsync(new ReserveRequest("pulsecount", Amount: 1), cancel.Token);
    var serial = lease.Devices[0].Serial;
    Console.WriteLine($"reserved {serial} on {lease.Devices[0].Worker} until {lease.ExpiresAt:u}; waiting for it to load the pulse-count firmware");
    await lease.WaitUntilReadyAsync(cancel.Token);

    var clock = Stopwatch.StartNew();
    var failures = 0;
    await foreach (var result in lease.EvaluateAsync(bitstreams, cancel.Token))
    {
        Console.WriteLine(result.Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"{result.Serial} {result.Label}: {result.Pulses} pulses")
            : $"{result.Serial} {result.Label}: FAILED ({result.FailureCategory}) {result.FailureReason}");
        failures += result.Succeeded ? 0 : 1;
    }

    var elapsed = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total elapsed: {elapsed:F3} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"average per circuit: {elapsed / bitstreams.Count:F3} s"));
    // The firmware counts for 1 s per circuit; what remains is the farm's overhead.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"average latency over the 1 s window: {elapsed / bitstreams.Count - 1.0:F3} s"));
    Console.WriteLine("ending the reservation");
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

using System.Text.RegularExpressions;
using IceFarm.WorkerAgent.Kinds;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Workers;

/// <summary>Rejects a worker configuration at start rather than at the first message.</summary>
internal sealed partial class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    private const int MaxSimulatedBoards = 64;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.Name) || !WorkerName().IsMatch(options.Name))
        {
            errors.Add($"Worker:Name '{options.Name}' must be 1–63 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        else if (ReservedEnding().IsMatch(options.Name))
        {
            // worker-a's error queue is worker-a_error: a worker named "a_error" would share it, and its broker user's permissions.
            errors.Add($"Worker:Name '{options.Name}' may not end in _error, _skipped or -responses: those are the names of another worker's queues.");
        }

        if (options.SimulatedBoards is < 0 or > MaxSimulatedBoards)
        {
            errors.Add($"Worker:SimulatedBoards must be 0..{MaxSimulatedBoards}; got {options.SimulatedBoards}.");
        }

        foreach (var kind in options.Kinds.Where(k => !KindRegistry.Default.TryGet(k, out _)))
        {
            errors.Add($"Worker:Kinds contains '{kind}', which no firmware serves; known: {string.Join(", ", KindRegistry.Default.Names)}.");
        }

        if (options.DrainDeadline <= TimeSpan.Zero)
        {
            errors.Add($"Worker:DrainDeadline must be positive; got {options.DrainDeadline}.");
        }

        if (options.DrainGrace < TimeSpan.Zero)
        {
            errors.Add($"Worker:DrainGrace must not be negative; got {options.DrainGrace}.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            errors.Add($"Worker:HeartbeatInterval must be positive; got {options.HeartbeatInterval}.");
        }

        if (options.SimulationProfile is not ("fast" or "realistic"))
        {
            errors.Add($"Worker:SimulationProfile must be 'fast' or 'realistic'; got '{options.SimulationProfile}'.");
        }

        if (options.FaultInjectionToken is { Length: < 16 })
        {
            errors.Add("Worker:FaultInjectionToken must be at least 16 characters when set.");
        }

        if (string.IsNullOrWhiteSpace(options.Version))
        {
            errors.Add("Worker:Version must not be empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkerName();

    [GeneratedRegex("(_error|_skipped|-responses)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReservedEnding();
}

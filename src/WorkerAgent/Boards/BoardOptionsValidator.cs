using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>Rejects deadlines and port settings the actors cannot work with.</summary>
internal sealed class BoardOptionsValidator : IValidateOptions<BoardOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BoardOptions options)
    {
        var errors = new List<string>();
        Positive(errors, nameof(options.FlashDeadline), options.FlashDeadline);
        Positive(errors, nameof(options.FlashPollInterval), options.FlashPollInterval);
        Positive(errors, nameof(options.SelfTestDeadline), options.SelfTestDeadline);
        Positive(errors, nameof(options.ReadyDeadline), options.ReadyDeadline);
        Positive(errors, nameof(options.EvaluationDeadline), options.EvaluationDeadline);
        Positive(errors, nameof(options.ResyncQuiet), options.ResyncQuiet);
        if (options.ResyncQuiet >= options.ReadyDeadline)
        {
            errors.Add($"Boards:ResyncQuiet ({options.ResyncQuiet}) must be shorter than Boards:ReadyDeadline ({options.ReadyDeadline}).");
        }

        Positive(errors, nameof(options.HotplugPollInterval), options.HotplugPollInterval);
        Positive(errors, nameof(options.TouchRetryInterval), options.TouchRetryInterval);
        if (options.FlashAttempts is < 1 or > 5)
        {
            errors.Add($"Boards:FlashAttempts must be 1..5; got {options.FlashAttempts}.");
        }
        Positive(errors, nameof(options.CloseDeadline), options.CloseDeadline);
        Positive(errors, nameof(options.OfflineAfter), options.OfflineAfter);
        Positive(errors, nameof(options.BrokenRetryInterval), options.BrokenRetryInterval);
        Positive(errors, nameof(options.HealthCheckInterval), options.HealthCheckInterval);
        if (options.HealthCheckEvery < 1)
        {
            errors.Add($"Boards:HealthCheckEvery must be at least 1; got {options.HealthCheckEvery}.");
        }

        if (string.IsNullOrWhiteSpace(options.SysfsRoot))
        {
            errors.Add("Boards:SysfsRoot must name a directory (\"/\" on a real host).");
        }
        if (options.BaudRate is <= 0 or 1200)
        {
            errors.Add($"Boards:BaudRate must be positive and not 1200 (1200 reboots the board into BOOTSEL); got {options.BaudRate}.");
        }

        if (options.WriteChunkSize is < 1 or > 65_536)
        {
            errors.Add($"Boards:WriteChunkSize must be 1..65536; got {options.WriteChunkSize}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Boards:{name} must be positive; got {value}.");
        }
    }
}

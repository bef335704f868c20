using Polly;
using Polly.Retry;

namespace IceFarm.ServiceDefaults;

/// <summary>
/// The retry of a background loop: a failed attempt is reported (<see cref="LoopFailure"/>, so the loop logs it with the
/// count in a row), backed off as the caller sets <see cref="RetryStrategyOptions.BackoffType"/>,
/// <see cref="RetryStrategyOptions.Delay"/> and <see cref="RetryStrategyOptions.MaxDelay"/> (no jitter: the delays are the
/// documented ones), and tried again until it succeeds or the loop is stopped. Only the loop's own stop ends it: a
/// cancellation from inside an attempt (a command's timeout) is a failure like any other.
/// </summary>
internal sealed class RetryUntilStopped : RetryStrategyOptions
{
    /// <param name="onFailure">Called before each back-off.</param>
    /// <param name="handles">The failures worth another attempt (all when null); any other ends the run with its exception.</param>
    public RetryUntilStopped(Action<LoopFailure> onFailure, Func<Exception, bool>? handles = null)
    {
        MaxRetryAttempts = int.MaxValue;
        UseJitter = false;
        ShouldHandle = args => ValueTask.FromResult(
            args.Outcome.Exception is { } error && !args.Context.CancellationToken.IsCancellationRequested && (handles?.Invoke(error) ?? true));
        OnRetry = args =>
        {
            onFailure(new LoopFailure(args.AttemptNumber + 1, args.Outcome.Exception!, args.RetryDelay));
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>The pipeline of this retry on <paramref name="time"/>'s clock (a test's fake clock drives the back-off).</summary>
    public ResiliencePipeline Build(TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(this).Build();
}

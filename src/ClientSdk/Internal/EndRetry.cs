using Polly;
using Polly.Retry;

namespace IceFarm.Client.Internal;

/// <summary>
/// Ending a reservation is what returns its boards, so a transient failure of the call (the farm's 5xx, no connection, a
/// timeout) is tried again, three more times, 200, 400 and 600 ms apart (DELETE is idempotent); any other answer stands.
/// </summary>
internal static class EndRetry
{
    public static ResiliencePipeline Create(TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Linear,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(!args.Context.CancellationToken.IsCancellationRequested && IsTransient(args.Outcome.Exception)),
            })
            .Build();

    private static bool IsTransient(Exception? error) =>
        error is FarmApiException { Status: >= 500 } and not FarmApiException { Code: "reservation-ended" }
            or HttpRequestException or TimeoutException;
}

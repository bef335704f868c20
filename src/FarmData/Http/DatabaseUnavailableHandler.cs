using System.Globalization;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Http;

/// <summary>
/// A request that failed because PostgreSQL is unreachable or restarting answers 503 with <c>Retry-After</c> and a
/// <c>database-unavailable</c> ProblemDetails instead of a 500: the request did nothing (its transaction did not commit,
/// or the commit's answer was lost and an <c>Idempotency-Key</c> makes the retry return it), so the client sends it again.
/// </summary>
internal sealed class DatabaseUnavailableHandler(
    IProblemDetailsService problems, IOptions<DatabaseOutageOptions> options, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutages.IsOutage(exception) || context.Response.HasStarted)
        {
            return false;
        }

        // An outage is expected weather, not a bug: one line at warning, no stack trace.
        logger.LogWarning("{Method} {Path} answered 503: the database is unavailable ({Error})",
            context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        var retryAfter = options.Value.RetryAfter;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.DatabaseUnavailable,
                Title = "Database unavailable",
                Detail = $"The farm's database is unreachable or restarting; nothing was changed. Send the request again in {retryAfter.TotalSeconds:0} s.",
            },
        });
    }
}

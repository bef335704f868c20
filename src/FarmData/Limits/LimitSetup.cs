using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using IceFarm.Contracts.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IceFarm.FarmData.Limits;

/// <summary>
/// ASP.NET Core's rate limiter for both HTTP services: a token bucket per signed-in caller (or per address without a
/// valid token) on every request, and the named policies of <see cref="LimitPolicies"/>. A refusal is a 429
/// ProblemDetails that names the limit, with <c>Retry-After</c>.
/// </summary>
internal static class LimitSetup
{
    public static WebApplicationBuilder AddFarmLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UploadBudget>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>>((o, limits) => Configure(o, limits.Value));
        return builder;
    }

    private static void Configure(RateLimiterOptions o, LimitOptions limits)
    {
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsProbe(context) ? RateLimitPartition.GetNoLimiter("probe")
            : context.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetTokenBucketLimiter("caller:" + context.User.Identity.Name, _ => Bucket(limits.RequestsPerSecond, limits.RequestBurst))
                : RateLimitPartition.GetTokenBucketLimiter("address:" + Address(context), _ => Bucket(limits.AnonymousRequestsPerSecond, limits.AnonymousBurst)));
        // Only the attempts count: showing the form is free.
        o.AddPolicy(LimitPolicies.SignIn, context => HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<SignInAttempt>() is not null
            ? RateLimitPartition.GetFixedWindowLimiter(Address(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter("form"));
        o.AddPolicy(LimitPolicies.LeaseAction, context => RateLimitPartition.GetTokenBucketLimiter(Caller(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.LeaseActionsPerMinute, TokensPerPeriod = limits.LeaseActionsPerMinute, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));
        o.AddPolicy(LimitPolicies.EventStream, context => RateLimitPartition.GetConcurrencyLimiter(Caller(context), _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.EventStreamsPerClient, QueueLimit = 0,
        }));
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = (rejected, ct) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
            var policy = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            return new ValueTask(Refuse(rejected.HttpContext, retryAfter, LimitPolicies.Describe(policy, limits), ct));
        };
    }

    /// <summary>The 429 every limit answers with.</summary>
    public static Task Refuse(HttpContext context, int retryAfterSeconds, string detail, CancellationToken ct)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = 429, Type = ProblemTypes.RateLimited, Title = "Too many requests", Detail = detail },
            options: null, contentType: "application/problem+json", cancellationToken: ct);
    }

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
    };

    /// <summary>Probes and scrapes are the platform's, not a caller's.</summary>
    private static bool IsProbe(HttpContext context) => ServiceDefaults.HealthEndpoints.IsProbe(context);

    private static string Caller(HttpContext context) =>
        context.User.FindFirstValue(Auth.FarmClaims.ClientId) ?? context.User.Identity?.Name ?? "address:" + Address(context);

    /// <summary>The caller's address as the forwarded-headers middleware sets it (only trusted proxies may change it).</summary>
    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

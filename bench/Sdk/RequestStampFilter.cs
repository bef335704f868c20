using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IceFarm.Bench.Sdk;

/// <summary>Put first in the service's pipeline: opens a <see cref="RequestStamps"/> for every evaluation upload.</summary>
internal sealed class RequestStampFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Value?.EndsWith("/evaluations", StringComparison.Ordinal) == true)
            {
                RequestStamps.Current = new RequestStamps { Start = HopClock.Now };
            }

            await following(context);
        });
        next(app);
    };
}

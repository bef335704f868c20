using IceFarm.AdminApi.Panel.Auth;
using IceFarm.AdminApi.Panel.Live;
using IceFarm.AdminApi.Panel.Oidc;
using Microsoft.AspNetCore.Components.Web;

namespace IceFarm.AdminApi.Panel;

/// <summary>The web panel: Razor Pages behind the panel cookie, live regions over SSE, actions through the same service as the API.</summary>
internal static class PanelSetup
{
    public static WebApplicationBuilder AddPanel(this WebApplicationBuilder builder)
    {
        builder.AddPanelAuth();
        builder.AddPanelOidc();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Panel/Pages";
            o.Conventions.AuthorizeFolder("/", PanelAuth.Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/SignedIn");
            o.Conventions.AllowAnonymousToPage("/Refused");
        }).AddApplicationPart(typeof(PanelSetup).Assembly); // the pages live here even when another assembly hosts the app (tests)
        builder.Services.AddScoped<HtmlRenderer>();
        builder.Services.AddScoped<PanelFragments>();
        builder.Services.AddSingleton<PanelSnapshots>();
        return builder;
    }

    public static WebApplication MapPanel(this WebApplication app)
    {
        app.MapPanelAssets();
        app.MapPanelLive();
        app.MapPanelActions();
        app.MapPanelOidc();
        app.MapRazorPages();
        return app;
    }
}

namespace IceFarm.AdminApi.Panel;

/// <summary>
/// The panel's stylesheet and script are embedded in the assembly: the service then needs no wwwroot beside it, which
/// matters for the tests and the demo that run it from other directories.
/// </summary>
internal static class PanelAssets
{
    public static IEndpointRouteBuilder MapPanelAssets(this IEndpointRouteBuilder app)
    {
        Map(app, "panel.css", "text/css; charset=utf-8");
        Map(app, "panel.js", "text/javascript; charset=utf-8");
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string name, string contentType)
    {
        using var stream = typeof(PanelAssets).Assembly.GetManifestResourceStream($"IceFarm.AdminApi.Panel.Assets.{name}")
            ?? throw new InvalidOperationException($"The panel asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        var content = reader.ReadToEnd();
        app.MapGet($"/panel/{name}", () => TypedResults.Text(content, contentType)).AllowAnonymous().ExcludeFromDescription();
    }
}

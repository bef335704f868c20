namespace IceFarm.Deployment.Tests;

/// <summary>Every <c>.Values…</c> path a template reads exists in values.yaml (helm would render nothing, silently).</summary>
public sealed class TemplateValuesTests
{
    [Fact]
    public void Every_values_path_used_by_the_templates_exists_in_values_yaml()
    {
        var uses = TemplateValuePaths.ChartTemplates().SelectMany(t => TemplateValuePaths.Find(t.File, t.Text)).ToList();

        var missing = TemplateValuePaths.Missing(uses, ChartValues.Load());

        Assert.True(uses.Count > 50, $"only {uses.Count} uses of .Values found: is the pattern still right?");
        Assert.True(missing.Count == 0, string.Join('\n', missing.Select(m => $"{m.File}:{m.Line}: .Values.{m.Path}")));
    }

    [Fact]
    public void A_template_using_a_missing_path_is_reported()
    {
        const string template = """
            spec:
              replicas: {{ .Values.reservationService.replicas }}
              grace: {{ .Values.worker.drainDeadline }}
              image: {{ include "icefarm.image" (dict "root" $ "image" $.Values.worker.image.name) }}
            """;

        var missing = TemplateValuePaths.Missing(TemplateValuePaths.Find("bad.yaml", template), ChartValues.Load());

        Assert.Equal(
            [new TemplateValuePaths.Use("bad.yaml", 3, "worker.drainDeadline"), new TemplateValuePaths.Use("bad.yaml", 4, "worker.image.name")],
            missing);
    }

    [Fact]
    public void A_path_below_a_scalar_is_missing()
    {
        var uses = TemplateValuePaths.Find("bad.yaml", "{{ .Values.image.tag.major }}");

        Assert.Single(TemplateValuePaths.Missing(uses, ChartValues.Load()));
    }

    [Fact]
    public void Every_template_file_is_read()
    {
        var files = TemplateValuePaths.ChartTemplates().Select(t => t.File.Replace('\\', '/')).ToList();

        Assert.Contains("templates/worker.yaml", files);
        Assert.Contains("templates/reservation-service.yaml", files);
        Assert.Contains("templates/admin-api.yaml", files);
        Assert.Contains("templates/secret.yaml", files);
        Assert.Contains("templates/_helpers.tpl", files);
    }
}

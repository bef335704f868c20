using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests.Units;

/// <summary>
/// The AdminApi stands on its own (docs/architecture.md, "Who reads what"): what it shares with the ReservationService
/// lives in IceFarm.FarmData, so it neither references the ReservationService nor sees its internals.
/// </summary>
public sealed class IndependenceTests
{
    private static readonly Assembly AdminApiAssembly = typeof(AdminApiApp).Assembly;
    private static readonly Assembly ServiceAssembly = typeof(IceFarm.ReservationService.ReservationServiceApp).Assembly;

    [Fact]
    public void The_AdminApi_assembly_references_FarmData_and_not_the_ReservationService()
    {
        var referenced = AdminApiAssembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(ServiceAssembly.GetName().Name, referenced);
        Assert.Contains("IceFarm.FarmData", referenced);
    }

    [Fact]
    public void The_AdminApi_project_has_no_project_reference_to_the_ReservationService()
    {
        var project = XDocument.Load(System.IO.Path.Combine(RepositoryRoot.Path, "src", "AdminApi", "AdminApi.csproj"));
        var references = project.Descendants("ProjectReference").Select(r => r.Attribute("Include")!.Value.Replace('\\', '/')).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => r.EndsWith("ReservationService.csproj", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_ReservationService_does_not_show_its_internals_to_the_AdminApi()
    {
        var friends = ServiceAssembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        Assert.NotEmpty(friends);
        Assert.DoesNotContain(AdminApiAssembly.GetName().Name, friends);
    }
}

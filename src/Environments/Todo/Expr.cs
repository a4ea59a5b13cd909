global using Expr = Provisioning.Bicep.Syntax.Bicep;

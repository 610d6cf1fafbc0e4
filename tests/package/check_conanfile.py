"""package.conan_recipe: static checks of the Conan 2 recipe and its test_package.

Conan cannot be installed on the test machines, so the recipes are not run.
This compiles them (a syntax error fails) and reads their syntax tree with the
standard library's ast module to check the names users rely on.

usage: check_conanfile.py <conanfile.py> <test_package/conanfile.py>
"""
import ast
import sys


def recipe_class(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    compile(source, path, "exec")  # what py_compile does, without writing a .pyc
    tree = ast.parse(source, path)
    classes = [
        node for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id == "ConanFile" for b in node.bases)
    ]
    if len(classes) != 1:
        sys.exit(f"{path}: expected one class deriving from ConanFile, found {len(classes)}")
    return tree, classes[0]


def attributes(cls):
    found = {}
    for node in cls.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                found[node.targets[0].id] = None
    return found


def methods(cls):
    return {node.name: node for node in cls.body if isinstance(node, ast.FunctionDef)}


def set_properties(method):
    props = {}
    for node in ast.walk(method):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "set_property" and len(node.args) == 2):
            try:
                props[ast.literal_eval(node.args[0])] = ast.literal_eval(node.args[1])
            except ValueError:
                pass
    return props


def main():
    recipe, test_recipe = sys.argv[1], sys.argv[2]
    errors = []

    tree, cls = recipe_class(recipe)
    attrs, meths = attributes(cls), methods(cls)
    for key, want in {"name": "smtp_reply", "package_type": "header-library", "license": "MIT"}.items():
        if attrs.get(key) != want:
            errors.append(f"{recipe}: {key} = {attrs.get(key)!r}, expected {want!r}")
    for needed in ("set_version", "export_sources", "layout", "generate", "build",
                   "package", "package_id", "package_info"):
        if needed not in meths:
            errors.append(f"{recipe}: no {needed}() method")
    if "package_info" in meths:
        props = set_properties(meths["package_info"])
        for key, want in {"cmake_file_name": "smtp_reply",
                          "cmake_target_name": "smtp_reply::smtp_reply",
                          "pkg_config_name": "smtp_reply"}.items():
            if props.get(key) != want:
                errors.append(f"{recipe}: package_info sets {key} = {props.get(key)!r}, expected {want!r}")
    if "generate" in meths:
        text = ast.unparse(meths["generate"])
        for option in ("TESTS", "EXAMPLES", "BENCHMARKS"):
            if f"SMTP_REPLY_BUILD_{option}" not in text:
                errors.append(f"{recipe}: generate() does not switch SMTP_REPLY_BUILD_{option} off")
    if "package_id" in meths and "clear" not in ast.unparse(meths["package_id"]):
        errors.append(f"{recipe}: package_id() does not clear the package id (header-only)")

    _, test_cls = recipe_class(test_recipe)
    test_meths = methods(test_cls)
    for needed in ("requirements", "layout", "build", "test"):
        if needed not in test_meths:
            errors.append(f"{test_recipe}: no {needed}() method")
    if "requirements" in test_meths and "tested_reference_str" not in ast.unparse(test_meths["requirements"]):
        errors.append(f"{test_recipe}: requirements() does not require self.tested_reference_str")

    if errors:
        sys.exit("\n".join(errors))
    print(f"{recipe} and {test_recipe}: compile; names, package type and methods as expected")


if __name__ == "__main__":
    main()

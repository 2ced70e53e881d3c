// Not part of the example: the root build (module examples, maven-invoker-plugin) runs this after
// building the example. It passes only when at least one test ran and none failed: a build that
// compiles but runs no test (an old surefire, a wrong JUnit engine) must not look like success.
def reports = new File(basedir, 'target/surefire-reports')
def files = reports.listFiles({ f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter) ?: []
int tests = 0, failed = 0
files.each { f ->
    def header = f.text =~ /<testsuite\b[^>]*>/
    def suite = header.find() ? header.group() : ''
    def count = { String attribute ->
        def m = suite =~ /\b${attribute}="(\d+)"/
        m.find() ? (m.group(1) as int) : 0
    }
    tests += count('tests')
    failed += count('failures') + count('errors')
}
println "example ${basedir.name}: ${tests} test(s) ran, ${failed} failed or in error"
if (tests == 0) {
    throw new AssertionError("example ${basedir.name} ran no test")
}
return failed == 0

#include "CliApp.h"
#include "ExitCode.h"
#include "Translations.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("xpadmin.github.io"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XPADMIN_VERSION));

    // The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) unless `--lang` says otherwise.
    QStringList arguments = QCoreApplication::arguments();
    const Result<QString> language = Translations::install(Translations::languageOption(arguments, true));
    if (!language) {
        std::fprintf(stderr, "xpadmin-cli: %s\n", qPrintable(language.error().message));
        return ExitCode::Usage;
    }
    return CliApp().run(arguments);
}

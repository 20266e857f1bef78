#include "app/cli/AuditCommands.h"
#include "app/cli/CliApp.h"
#include "app/cli/ExitCode.h"
#include "app/cli/TerminalText.h"
#include "translations/Translations.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // A PDF report draws text, which needs QtGui's fonts; every other command stays GUI-free.
    const std::unique_ptr<QCoreApplication> app = AuditCommands::needsGui(argc, argv)
        ? std::make_unique<QGuiApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("xpadmin.github.io"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XPADMIN_VERSION));

    // The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) unless `--lang` says otherwise.
    QStringList arguments = QCoreApplication::arguments();
    const Result<QString> language = Translations::install(Translations::languageOption(arguments, true));
    if (!language) {
        std::fprintf(stderr, "xpadmin-cli: %s\n", qPrintable(TerminalText::visible(language.error().message)));
        return ExitCode::Usage;
    }
    return CliApp().run(arguments);
}

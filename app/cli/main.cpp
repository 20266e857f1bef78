#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // With both names set, QStandardPaths::AppDataLocation (and so the default database) is
    // ~/.local/share/xpadmin/xpadmin on Linux: the folder the GUI uses too.
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XPADMIN_VERSION));
    return CliApp().run(QCoreApplication::arguments());
}

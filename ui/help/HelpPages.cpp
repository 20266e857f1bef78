#include "ui/help/HelpPages.h"

#include <QFileInfo>
#include <QLocale>

QList<HelpPages::Page> HelpPages::pages()
{
    return {
        {QStringLiteral("index"), tr("Getting Started")},
        {QStringLiteral("opening"), tr("Opening a Ledger")},
        {QStringLiteral("connection"), tr("Connecting to PostgreSQL")},
        {QStringLiteral("users"), tr("Users")},
        {QStringLiteral("history"), tr("History")},
        {QStringLiteral("adjust"), tr("Adjust XP")},
        {QStringLiteral("rollback"), tr("Roll Back Transactions")},
        {QStringLiteral("delete-source"), tr("Delete a Source")},
        {QStringLiteral("restore"), tr("Restore Transactions")},
        {QStringLiteral("undo"), tr("Undo and Redo")},
        {QStringLiteral("audit"), tr("Audit Log")},
        {QStringLiteral("approvals"), tr("Pending Approvals")},
        {QStringLiteral("charts"), tr("Charts")},
        {QStringLiteral("import"), tr("Importing from CSV Files")},
        {QStringLiteral("roles"), tr("Roles")},
        {QStringLiteral("keys"), tr("Keyboard Shortcuts")},
    };
}

QString HelpPages::title(const QString &id)
{
    const QList<Page> all = pages();
    for (const Page &page : all) {
        if (page.id == id)
            return page.title;
    }
    return {};
}

QUrl HelpPages::url(const QString &id, const QString &anchor)
{
    QUrl url(QStringLiteral("qrc:/help/%1.html").arg(id));
    if (!anchor.isEmpty())
        url.setFragment(anchor);
    return url;
}

QString HelpPages::resourceFile(const QUrl &url, const QString &language)
{
    const QString name = QFileInfo(url.path()).fileName();
    if (name.isEmpty())
        return {};
    for (const QString &candidate : {language, QStringLiteral("en")}) {
        const QString file = QStringLiteral(":/help/%1/%2").arg(candidate, name);
        if (!candidate.isEmpty() && QFileInfo::exists(file))
            return file;
    }
    return {};
}

QString HelpPages::currentLanguage()
{
    return QLocale().name().section(QLatin1Char('_'), 0, 0);
}

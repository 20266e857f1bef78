// Every test program reads English as a user does: with the English plural forms installed
// ("1 event", "2 events"), as the programs install them at start (Translations::install).
#include <QCoreApplication>
#include <QTranslator>

namespace {

void installEnglishPluralForms()
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(QStringLiteral(":/i18n/xpadmin_en.qm")))
        QCoreApplication::installTranslator(translator);
    else
        qFatal("The English plural forms (:/i18n/xpadmin_en.qm) are missing from this test program");
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglishPluralForms)

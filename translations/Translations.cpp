#include "translations/Translations.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <algorithm>

namespace {

const QString &settingsKey()
{
    static const QString key = QStringLiteral("language");
    return key;
}

// The translators live as long as the application; installing again replaces them.
QList<QTranslator *> &installed()
{
    static QList<QTranslator *> translators;
    return translators;
}

void removeInstalled()
{
    for (QTranslator *translator : std::as_const(installed())) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    installed().clear();
}

bool installFile(const QString &name, const QString &directory)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(name, directory)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installed().append(translator);
    return true;
}

} // namespace

QStringList Translations::languages()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")};
}

QString Translations::nativeName(const QString &language)
{
    if (language == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (language == QLatin1String("fr"))
        return QStringLiteral("Français");
    return QStringLiteral("English");
}

QString Translations::pick(const QStringList &uiLanguages)
{
    for (const QString &tag : uiLanguages) {
        // "de-CH", "de_CH" and "de" all mean German.
        const QString language = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (languages().contains(language))
            return language;
    }
    return QStringLiteral("en");
}

QString Translations::languageOption(QStringList &arguments, bool remove)
{
    static const QStringList withValue{QStringLiteral("--db"), QStringLiteral("-db"), QStringLiteral("--actor"),
                                       QStringLiteral("-actor")};
    QString language;
    for (qsizetype i = 1; i < arguments.size();) {
        const QString &argument = arguments.at(i);
        qsizetype taken = 0;
        if (argument == QLatin1String("--lang") || argument == QLatin1String("-lang")) {
            taken = std::min<qsizetype>(2, arguments.size() - i);
            language = taken == 2 ? arguments.at(i + 1) : QString();
        } else if (argument.startsWith(QLatin1String("--lang="))) {
            taken = 1;
            language = argument.mid(7);
        } else if (argument == QLatin1String("--") || !argument.startsWith(QLatin1Char('-'))) {
            break; // the command and its own options
        } else {
            i += withValue.contains(argument) ? 2 : 1;
            continue;
        }
        if (remove)
            arguments.remove(i, taken);
        else
            i += taken;
    }
    return language;
}

QString Translations::preferred()
{
    const QString language = QSettings().value(settingsKey()).toString();
    return languages().contains(language) ? language : QString();
}

void Translations::setPreferred(const QString &language)
{
    if (language.isEmpty())
        QSettings().remove(settingsKey());
    else
        QSettings().setValue(settingsKey(), language);
}

Result<QString> Translations::install(const QString &language)
{
    const QLocale system = QLocale::system();
    const QString chosen = language.isEmpty() ? pick(system.uiLanguages()) : language.toLower();
    if (!languages().contains(chosen))
        return Error::input(tr("--lang %1 is not a language XP Admin speaks: give %2")
                                .arg(language, languages().join(QStringLiteral(", "))));

    removeInstalled();
    // Following the system leaves its formats alone. A language chosen over the system's gets that
    // language's formats in the system's country ("en" on a German system: English words, 24-hour
    // times, euros).
    const QLocale::Language wanted = QLocale(chosen).language();
    const bool systemSpeaksIt
        = system.language() == wanted || (wanted == QLocale::English && system.language() == QLocale::C);
    QLocale formats = language.isEmpty() || systemSpeaksIt ? system : QLocale(wanted, system.territory());
    // Numbers grouped in every language, "%Ln" included: the C locale (no language set) leaves the
    // separators out, and "1409565" is hard to read.
    formats.setNumberOptions(formats.numberOptions() & ~QLocale::OmitGroupSeparator);
    QLocale::setDefault(formats);
    if (chosen == QLatin1String("en")) {
        // Only the plural forms: "1 event", "2 events".
        installFile(QStringLiteral("xpadmin_en"), QStringLiteral(":/i18n"));
        return chosen;
    }
    installFile(QStringLiteral("qtbase_") + chosen, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (!installFile(QStringLiteral("xpadmin_") + chosen, QStringLiteral(":/i18n")))
        return Error::input(tr("The %1 translation is missing from this build").arg(nativeName(chosen)));
    return chosen;
}

#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// The language of the user interface. XP Admin's translations are compiled into the programs
// (":/i18n/xpadmin_<lang>.qm"); Qt's own (standard buttons and dialogs) come from the Qt
// installation when present. English is the source language and needs no file.
class Translations final
{
    Q_DECLARE_TR_FUNCTIONS(Translations)

public:
    // "en" and every language with a translation: {"en", "de", "fr"}.
    static QStringList languages();
    // The language's name in that language, for a menu: "English", "Deutsch", "Français".
    static QString nativeName(const QString &language);

    // The first of the user's preferred languages (as QLocale::uiLanguages() lists them, most
    // preferred first) that XP Admin speaks; "en" when there is none.
    static QString pick(const QStringList &uiLanguages);

    // The value of `--lang X` or `--lang=X` among the global options, that is before the first
    // word that is not an option; empty if not given. With `remove`, the option is taken out of
    // `arguments`, for a parser that does not know it.
    static QString languageOption(QStringList &arguments, bool remove);

    // The language chosen in the settings ("language"); empty: follow the system (also when the
    // setting names no language XP Admin speaks).
    static QString preferred();
    static void setPreferred(const QString &language);

    // Installs the translators for `language` ("en", "de", "fr"; empty: the system's language)
    // and makes the default QLocale that language in the system's territory, so that dates and
    // numbers read naturally. Returns the language installed; an unknown language is refused
    // with the list of those there are.
    static Result<QString> install(const QString &language);
};

#pragma once

#include <QString>
#include <QStringList>

#include <initializer_list>

// What the CSV tests share: expected texts written as C strings.
class CsvFixture
{
protected:
    // A list of texts from UTF-8 C strings: texts({"Line 2", "field 1"}).
    static QStringList texts(std::initializer_list<const char *> items);
};

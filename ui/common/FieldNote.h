#pragma once

#include <QLabel>

// The line under an input field: a quiet hint, or the field's error in red, so a person sees
// what is wrong where they are typing.
class FieldNote final : public QLabel
{
    Q_OBJECT

public:
    explicit FieldNote(QWidget *parent = nullptr);

    void setHint(const QString &hint);
    // Shows the error instead of the hint; an empty error shows the hint again.
    void setError(const QString &error);
    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    void refresh();

    QString m_hint;
    QString m_error;
};

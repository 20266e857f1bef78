#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

// What went wrong, in words a support person can act on, plus the kind of failure so that
// callers (the CLI's exit status, the GUI's dialogs) can react without parsing the text.
struct Error
{
    enum class Kind {
        Input, // bad input from a person or a file; nothing was changed
        Conflict, // the request is valid but the ledger's state refuses it (already restored, ...)
        Database, // the database failed or is unreachable; nothing was changed
        Uncertain, // the connection was lost while committing: the change may or may not be there
        Cancelled, // the user cancelled a long operation; nothing was changed
        Permission, // the connected role may not do this (refused by XP Admin or the database)
        ReadOnly // the ledger can only be read here (a read-only file, folder, mount or server)
    };

    Kind kind = Kind::Database;
    QString message;

    static Error input(QString text) { return {Kind::Input, std::move(text)}; }
    static Error conflict(QString text) { return {Kind::Conflict, std::move(text)}; }
    static Error database(QString text) { return {Kind::Database, std::move(text)}; }
    static Error uncertain(QString text) { return {Kind::Uncertain, std::move(text)}; }
    static Error cancelled(QString text) { return {Kind::Cancelled, std::move(text)}; }
    static Error permission(QString text) { return {Kind::Permission, std::move(text)}; }
    static Error readOnly(QString text) { return {Kind::ReadOnly, std::move(text)}; }
};

// A value or an Error. Every fallible function in core/ returns one.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) { }
    Result(Error error) : m_data(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

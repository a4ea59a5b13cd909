"""SQLModel classes mapped onto the tables the EF Core migration bundle created (docs/contract.md, "Database schema").

The fixture never creates or alters tables: SQLModel.metadata.create_all is deliberately never called, so a schema
the bundle did not create shows up as a failing request instead of being papered over.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text, func
from sqlmodel import Field, SQLModel


def _timestamp() -> Column:
    # The database fills these (DEFAULT now()); None values are left out of INSERTs by SQLAlchemy.
    return Column(DateTime(timezone=True), nullable=False, server_default=func.now())


class Task(SQLModel, table=True):
    __tablename__ = "tasks"
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(sa_column=Column(Text, nullable=False, index=True))
    title: str = Field(max_length=200)
    description: Optional[str] = Field(default=None, max_length=1000)
    completed: bool = Field(default=False)
    created_at: Optional[datetime] = Field(default=None, sa_column=_timestamp())
    updated_at: Optional[datetime] = Field(default=None, sa_column=_timestamp())


class Conversation(SQLModel, table=True):
    __tablename__ = "conversations"
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(sa_column=Column(Text, nullable=False))
    created_at: Optional[datetime] = Field(default=None, sa_column=_timestamp())
    updated_at: Optional[datetime] = Field(default=None, sa_column=_timestamp())


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(sa_column=Column(Text, nullable=False))
    conversation_id: int = Field(sa_column=Column(Integer, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False))
    role: str = Field(max_length=20)
    content: str = Field(sa_column=Column(Text, nullable=False))
    created_at: Optional[datetime] = Field(default=None, sa_column=_timestamp())

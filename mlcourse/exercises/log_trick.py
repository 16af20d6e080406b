"""Exercises of Chapter 2, *The log trick*."""

CHAPTER = 2
